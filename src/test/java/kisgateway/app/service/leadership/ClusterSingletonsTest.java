package kisgateway.app.service.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.ProcessBackends;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateway processes on one database, broker and simulator, started at the same moment: KIS issues one access
 * token for the app key between them (each issuance costs a minute of KIS's allowance and a message to the account
 * holder), and the scheduled jobs (the reconciliation timer, the report) run once per schedule, not once per
 * instance.
 */
class ClusterSingletonsTest {

    private static final long TIMER_MS = 1_500;

    @Test
    void threeInstancesIssueOneTokenAndRunEachScheduleOnce(@TempDir Path dir) throws Exception {
        try (ProcessBackends backends = ProcessBackends.start(dir, 81, SimulatorSettings.builder())) {
            // three start-up reconciliations at once meet on the account's lock: the others wait for that run
            // and count its success (the start-up retry period stays as shipped, 30 s, and is not waited for)
            List<String> args = backends.fileCluster("-Dreconcile.interval-ms=" + TIMER_MS,
                    "-Dreports.cron=0/3 * * * * ?", "-Dreports.directory=" + dir.resolve("reports"));
            List<Integer> ports = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                int port = TestConfig.freePort();
                ports.add(port);
                backends.launch(name, port, args);
            }
            for (int port : ports) {
                GatewayProcess.awaitHealthy(port);
            }
            KisSimulator kis = backends.kis();
            String appKey = SimAccount.demo().appKey();
            assertThat(kis.stats().count(appKey, "tokenCalls")).as("access token requests KIS got").isEqualTo(1);
            assertThat(kis.stats().count(appKey, "tokensIssued")).as("access tokens KIS issued").isEqualTo(1);

            // a while of schedules: every run of the timer and of the report at least one period after the last
            // a timer run that meets a report run on the account's lock is skipped, and a loaded machine skips more
            await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(60)).until(() ->
                    runs(backends.db(), "TIMER").size() >= 4 && runs(backends.db(), "REPORT").size() >= 2);
            assertSpacedBy(runs(backends.db(), "TIMER"), Duration.ofMillis(TIMER_MS * 8 / 10), "reconciliation timer");
            assertSpacedBy(runs(backends.db(), "REPORT"), Duration.ofMillis(2_400), "daily report");
            assertThat(kis.stats().count(appKey, "tokenCalls")).isEqualTo(1);
        }
    }

    private static void assertSpacedBy(List<Instant> runs, Duration spacing, String what) {
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i)))
                    .as("%s runs %s and %s: one per schedule, not one per instance", what, runs.get(i - 1), runs.get(i))
                    .isGreaterThanOrEqualTo(spacing);
        }
    }

    /** The runs' start times, on the gateway's clock (in sim mode the simulator's, moved to a trading day). */
    private static List<Instant> runs(EmbeddedDatabase db, String trigger) throws Exception {
        List<Instant> out = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("select started_at from recon_runs where trigger = ? "
                     + "order by started_at")) {
            ps.setString(1, trigger);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return out;
    }
}
