package kisgateway.bench;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import kisgateway.app.GatewayApplication;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.testing.TestConfig;

/**
 * WebSocket frame to committed persistent Artemis message: the simulator floods encrypted fill notices at the
 * gateway's live session; the harness counts the fills arriving on kis.fills. Reports throughput for a flood,
 * and the frame-to-queue latency distribution at a fixed rate.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.FillPipelineBench -Dbench.args="20000 1000"</pre>
 * args: flood size, paced rate (fills/s) for the latency run.
 */
public final class FillPipelineBench {

    /** A warm-up round counts as quiet when the compilers took at most this share of its wall time. */
    private static final double QUIET_SHARE = 0.05;

    public static void main(String[] args) throws Exception {
        int flood = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Map<String, String> overrides = new HashMap<>();
        overrides.put("sim.rest-port", "0");
        overrides.put("sim.ws-port", "0");
        overrides.put("broker.embedded.vm-id", "501");
        // the gateway's durability: every database commit waits for its WAL flush, as in the default run (the
        // test configuration turns that off for throw-away data)
        overrides.put("db.embedded.durable", "true");
        overrides.put("fills.parked-grace-ms", "0");
        try (GatewayApplication app = GatewayApplication.start(TestConfig.load(overrides));
             Connection c = app.infrastructure().brokerConnection().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer fills = s.createConsumer(s.createQueue("kis.fills"));
            while (app.services().realtimeSessions().live().values().stream().noneMatch(KisRealtimeSession::isLive)) {
                Thread.sleep(100);
            }
            var sim = app.infrastructure().simulator().simulator();
            String hts = sim.accounts().get(0).htsId();
            // warm-up: the flood's path compiled before it is measured, as it is in a gateway running all day
            int[] warmRound = {0};
            JvmActivity.warmUntilQuiet("flood", () -> {
                sim.floodNotices(hts, 20_000, warmRound[0]++ * 20_000);
                receive(fills, 20_000, 60_000);
            }, QUIET_SHARE, 16);

            javax.sql.DataSource ds = app.infrastructure().dataSource().dataSource();
            Thread progress = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try (var con = ds.getConnection(); var st = con.createStatement();
                         var rs = st.executeQuery("select count(*), count(published_at) from fills")) {
                        rs.next();
                        System.out.println("progress stored=" + rs.getLong(1) + " published=" + rs.getLong(2));
                        Thread.sleep(2000);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            progress.setDaemon(true);
            progress.start();
            JvmActivity floodJit = new JvmActivity().mark();
            long t0 = System.nanoTime();
            sim.floodNotices(hts, flood, 500_000);
            int got = receive(fills, flood, 120_000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.interrupt();
            System.out.printf("flood: %d fills frame->kis.fills in %.2f s = %.0f fills/s (received %d)%n", flood, seconds,
                    got / seconds, got);
            System.out.println("flood: " + floodJit.summary());

            // the same rate unmeasured first, until the JIT is quiet: on two cores, C2 still compiling the paced
            // path takes most of a core (top -H showed it at 75 % in the first paced run), which a gateway running
            // all day has long finished
            int[] pacedRound = {0};
            JvmActivity.warmUntilQuiet("paced", () -> paced(app, sim, hts, fills, ds, rate,
                    1_000_000 + pacedRound[0]++ * rate * 10, false), QUIET_SHARE, 10);
            paced(app, sim, hts, fills, ds, rate, 2_000_000, true);
        }
        System.exit(0);
    }

    private static void paced(GatewayApplication app, kisgateway.sim.KisSimulator sim, String hts, MessageConsumer fills,
                              javax.sql.DataSource ds, int rate, int firstOrder, boolean report) throws Exception {
        int n = rate * 10;
        long[] latency = new long[n];
        int batch = Math.max(1, rate / 100);
        HostHandOffProbe host = HostHandOffProbe.start();
        JvmActivity jit = new JvmActivity().mark();
        long start = System.nanoTime();
        java.time.Instant startWall = app.infrastructure().clock().instant();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < n; i += batch) {
                long due = start + (long) (i * 1e9 / rate);
                // parked, not spinning: a spinning sender would take one of the machine's two cores from the
                // pipeline it measures
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                sim.floodNotices(hts, batch, firstOrder + i);
            }
        });
        sender.start();
        for (int i = 0; i < n; i++) {
            Message m = fills.receive(30_000);
            if (m == null) {
                System.out.println("paced run: only " + i + " of " + n + " arrived");
                break;
            }
            long sentAt = start + (long) ((i / batch) * batch * 1e9 / rate);
            latency[i] = System.nanoTime() - sentAt;
        }
        sender.join();
        host.close();
        String jitSummary = jit.summary();
        if (!report) {
            return;
        }
        // where the time goes, per fill: frame sent -> stored (received_at, stamped in the storing transaction),
        // stored -> marked published (after the broker's commit), from the database's timestamps
        long firstOrderNo = 9_000_000_000L + firstOrder;
        long[] stored = new long[n];
        long[] relayed = new long[n];
        long[] committed = new long[n];
        int rows = 0;
        try (var con = ds.getConnection(); var st = con.prepareStatement("select kis_order_no, received_at, published_at "
                + "from fills where kis_order_no >= ? and kis_order_no < ? and published_at is not null")) {
            st.setString(1, Long.toString(firstOrderNo));
            st.setString(2, Long.toString(firstOrderNo + n));
            try (var rs = st.executeQuery()) {
                while (rs.next() && rows < n) {
                    int i = (int) (Long.parseLong(rs.getString(1)) - firstOrderNo);
                    java.time.Instant sentAt = startWall.plusNanos((long) ((i / batch) * batch * 1e9 / rate));
                    java.time.Instant receivedAt = rs.getTimestamp(2).toInstant();
                    stored[rows] = java.time.Duration.between(sentAt, receivedAt).toNanos();
                    relayed[rows] = java.time.Duration.between(receivedAt, rs.getTimestamp(3).toInstant()).toNanos();
                    committed[rows] = stored[rows] + relayed[rows];
                    rows++;
                }
            }
        }
        stored = Arrays.copyOf(stored, rows);
        relayed = Arrays.copyOf(relayed, rows);
        committed = Arrays.copyOf(committed, rows);
        Arrays.sort(stored);
        Arrays.sort(relayed);
        Arrays.sort(committed);
        System.out.printf("paced: frame sent->stored p50 %.1f ms, p99 %.1f ms; stored->published p50 %.1f ms, p99 %.1f ms (%d fills)%n",
                stored[rows / 2] / 1e6, stored[(int) (rows * 0.99)] / 1e6, relayed[rows / 2] / 1e6,
                relayed[(int) (rows * 0.99)] / 1e6, rows);
        // the end point: the message committed on kis.fills (the row's published_at is the time the
        // broker's commit returned); the line after adds the delivery to a consumer
        System.out.printf("paced %d fills/s: frame sent->committed on kis.fills p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d fills)%n",
                rate, committed[rows / 2] / 1e6, committed[(int) (rows * 0.99)] / 1e6, committed[rows - 1] / 1e6, rows);
        Arrays.sort(latency);
        System.out.printf("paced %d fills/s for 10 s (after unmeasured rounds at that rate until the JIT was quiet): frame->received by a kis.fills consumer "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", rate, latency[n / 2] / 1e6, latency[(int) (n * 0.99)] / 1e6,
                latency[n - 1] / 1e6);
        System.out.println(host.summary());
        System.out.println("paced: " + jitSummary);
    }

    private static int receive(MessageConsumer consumer, int count, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        int got = 0;
        while (got < count && System.currentTimeMillis() < deadline) {
            if (consumer.receive(1_000) != null) {
                got++;
            }
        }
        return got;
    }
}
