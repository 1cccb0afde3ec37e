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

    public static void main(String[] args) throws Exception {
        int flood = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Map<String, String> overrides = new HashMap<>();
        overrides.put("sim.rest-port", "0");
        overrides.put("sim.ws-port", "0");
        overrides.put("broker.embedded.vm-id", "501");
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
            // warm-up
            sim.floodNotices(hts, 2_000, 0);
            receive(fills, 2_000, 60_000);

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
            long t0 = System.nanoTime();
            sim.floodNotices(hts, flood, 100_000);
            int got = receive(fills, flood, 120_000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.interrupt();
            System.out.printf("flood: %d fills frame->kis.fills in %.2f s = %.0f fills/s (received %d)%n", flood, seconds,
                    got / seconds, got);

            int n = rate * 10;
            long[] latency = new long[n];
            int batch = Math.max(1, rate / 100);
            long start = System.nanoTime();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < n; i += batch) {
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    sim.floodNotices(hts, batch, 1_000_000 + i);
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
            try (var con = ds.getConnection(); var st = con.createStatement();
                 var rs = st.executeQuery("select percentile_cont(0.5) within group (order by extract(epoch from "
                         + "published_at - received_at)), percentile_cont(0.99) within group (order by extract(epoch from "
                         + "published_at - received_at)) from fills where kis_order_no >= '9001000000'")) {
                rs.next();
                System.out.printf("paced: commit->published p50 %.1f ms, p99 %.1f ms%n", rs.getDouble(1) * 1000, rs.getDouble(2) * 1000);
            }
            Arrays.sort(latency);
            System.out.printf("paced %d fills/s for 10 s: frame->kis.fills latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    rate, latency[n / 2] / 1e6, latency[(int) (n * 0.99)] / 1e6, latency[n - 1] / 1e6);
        }
        System.exit(0);
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
