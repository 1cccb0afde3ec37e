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
        return launch(workDir, httpPort, db, broker, kis, List.of(SimAccount.demo()), extraArgs);
    }

    /**
     * Starts one trading {@code accounts} as {@code sim}, {@code sim2}, ... ({@link #alias}), the embedded simulator's
     * names for its demo accounts; their keys and secrets go in its environment like the logins.
     */
    public static Process launch(Path workDir, int httpPort, EmbeddedDatabase db, EmbeddedBroker broker, KisSimulator kis,
                                 List<SimAccount> accounts, List<String> extraArgs) throws IOException {
        Files.createDirectories(workDir);
        Path project = TestConfig.projectDir();
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            aliases.add(alias(i));
        }
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
                "-Dkis.accounts=" + String.join(",", aliases),
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
        for (int i = 0; i < accounts.size(); i++) {
            String prefix = "KIS_ACCOUNT_" + alias(i).toUpperCase(java.util.Locale.ROOT) + "_";
            SimAccount account = accounts.get(i);
            pb.environment().put(prefix + "APP_KEY", account.appKey());
            pb.environment().put(prefix + "APP_SECRET", account.appSecret());
            pb.environment().put(prefix + "HTS_ID", account.htsId());
            pb.environment().put(prefix + "CANO", account.cano());
        }
        return pb.start();
    }

    /** The alias of the {@code index}-th account (from 0): sim, sim2, sim3, ... as the embedded simulator names them. */
    public static String alias(int index) {
        return index == 0 ? "sim" : "sim" + (index + 1);
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
