package kisgateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kisgateway.app.broker.BrokerLogin;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;

/**
 * A gateway in a process of its own (the launcher's main, this test classpath) on a shared PostgreSQL, Artemis and
 * simulator, as instances on one machine run: for tests that kill one (SIGKILL, no goodbye) or run two.
 */
public final class GatewayProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GatewayProcess() {
    }

    /**
     * Starts one trading the simulator's demo account as {@code sim}; its log is {@code workDir/gateway.log}. It logs in
     * to the database and the broker with their generated credentials, passed in its environment as an operator would
     * (a command line is readable by every user of the machine).
     */
    public static Process launch(Path workDir, int httpPort, EmbeddedDatabase db, EmbeddedBroker broker, KisSimulator kis,
                                 List<String> extraArgs) throws IOException {
        Files.createDirectories(workDir);
        Path project = TestConfig.projectDir();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                "-Dkisgateway.config.dir=" + project.resolve("config"),
                "-Dcamel.main.routes-include-pattern=file:" + project.resolve("routes") + "/*.camel.yaml",
                "-Dcamel.main.routes-reload-enabled=false",
                "-Dgateway.http.port=" + httpPort,
                "-Dhawtio.enabled=false",
                "-Ddb.embedded=false",
                "-Ddb.url=" + db.jdbcUrl(),
                "-Dbroker.embedded=false",
                "-Dbroker.url=tcp://127.0.0.1:" + broker.tcpPort(),
                "-Dsim.embedded=false",
                "-Dkis.rest-url=" + kis.restBaseUrl(),
                "-Dkis.ws-url=" + kis.wsBaseUrl() + "/tryitout",
                "-Dkis.accounts=sim",
                "-Dkis.secrets-file=",
                "-Dfills.backfill.delay-ms=500",
                "-Dorders.events.publish-period-ms=50"));
        command.addAll(extraArgs);
        command.add("kisgateway.app.GatewayLauncher");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("gateway.log").toFile()));
        pb.environment().put("DB_USER", db.user());
        pb.environment().put("DB_PASSWORD", db.password());
        BrokerLogin gateway = broker.users().gateway();
        pb.environment().put("BROKER_USER", gateway.user());
        pb.environment().put("BROKER_PASSWORD", gateway.password());
        SimAccount demo = SimAccount.demo();
        pb.environment().put("KIS_ACCOUNT_SIM_APP_KEY", demo.appKey());
        pb.environment().put("KIS_ACCOUNT_SIM_APP_SECRET", demo.appSecret());
        pb.environment().put("KIS_ACCOUNT_SIM_HTS_ID", demo.htsId());
        pb.environment().put("KIS_ACCOUNT_SIM_CANO", demo.cano());
        return pb.start();
    }

    /** Puts the simulator at 09:00 of a KRX trading day (today if it is one, else the next), whatever today is. */
    public static void openRegularSession(KisSimulator kis) {
        var calendar = kisgateway.risk.session.KrxSessionCalendar.fromSettings(
                kisgateway.risk.RiskSettings.fromProperties(java.util.Map.of()).session());
        var now = kis.market().clock().nowSeoul();
        var day = calendar.isTradingDay(now.toLocalDate()) ? now.toLocalDate()
                : calendar.nextTradingDay(now.toLocalDate()).orElseThrow();
        kis.market().setTime(day.atTime(9, 0).atZone(now.getZone()).toInstant());
    }

    /** Several processes starting at once on a 2-core machine take a while: the bound is generous on purpose. */
    public static void awaitHealthy(int port) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
