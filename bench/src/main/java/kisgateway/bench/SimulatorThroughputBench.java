package kisgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;

/**
 * How fast the simulator answers REST calls (rate limit lifted) and pushes encrypted execution notices. The REST
 * load comes from a Vert.x HTTP client with its own event loop (the JDK HttpClient costs more CPU than the
 * server it measures when both share two cores); notices are received by the JDK WebSocket. Client and server
 * share the JVM and the machine, so the figures are a floor. Prints each round and the medians.
 *
 * <pre>
 * mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.SimulatorThroughputBench \
 *     -Dbench.args="--rounds 5 --seconds 3 --concurrency 32 --notices 100000"
 * </pre>
 */
public final class SimulatorThroughputBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatorThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        // without a logback.xml on this classpath logback logs DEBUG to the console: measure the server, not that
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        int rounds = intArg(args, "--rounds", 5);
        int seconds = intArg(args, "--seconds", 3);
        int concurrency = intArg(args, "--concurrency", 32);
        int notices = intArg(args, "--notices", 100_000);
        // cash enough for every order the rounds can book, so orders exercise booking, not the cash check
        SimulatorSettings settings = SimulatorSettings.builder().restLimitPerSecond(0).pricePathFrozen(true)
                .initialCash(1_000_000_000_000L).build();
        List<Double> rest = new ArrayList<>();
        List<Double> orders = new ArrayList<>();
        try (KisSimulator sim = KisSimulator.start(settings)) {
            SimAccount account = sim.accounts().get(0);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = post(http, sim.restBaseUrl() + "/oauth2/tokenP", "{\"grant_type\":\"client_credentials\","
                    + "\"appkey\":\"" + account.appKey() + "\",\"appsecret\":\"" + account.appSecret() + "\"}")
                    .path("access_token").asText();
            String pricePath = "/uapi/domestic-stock/v1/quotations/inquire-price"
                    + "?FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930";
            Vertx loadVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            try {
                io.vertx.core.http.HttpClient load = loadVertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost("127.0.0.1").setDefaultPort(sim.restPort()).setKeepAlive(true),
                        new PoolOptions().setHttp1MaxSize(concurrency));
                RequestOptions price = new RequestOptions().setMethod(HttpMethod.GET).setURI(pricePath)
                        .addHeader("authorization", "Bearer " + token).addHeader("appkey", account.appKey())
                        .addHeader("appsecret", account.appSecret()).addHeader("tr_id", "FHKST01010100")
                        .addHeader("custtype", "P");
                RequestOptions order = new RequestOptions().setMethod(HttpMethod.POST)
                        .setURI("/uapi/domestic-stock/v1/trading/order-cash")
                        .addHeader("content-type", "application/json; charset=utf-8")
                        .addHeader("authorization", "Bearer " + token).addHeader("appkey", account.appKey())
                        .addHeader("appsecret", account.appSecret()).addHeader("tr_id", "TTTC0012U")
                        .addHeader("custtype", "P");
                String orderBody = "{\"CANO\":\"" + account.cano() + "\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\","
                        + "\"ORD_DVSN\":\"00\",\"ORD_QTY\":\"1\",\"ORD_UNPR\":\"60000\",\"EXCG_ID_DVSN_CD\":\"KRX\"}";
                // warm-up: let the JIT compile both paths before anything is measured
                restRound(load, price, null, concurrency, 5);
                restRound(load, order, orderBody, concurrency, 5);
                for (int r = 1; r <= rounds; r++) {
                    double rate = restRound(load, price, null, concurrency, seconds);
                    rest.add(rate);
                    System.out.printf(Locale.ROOT, "rest    round %d: %,.0f requests/s (inquire-price, %d in flight)%n",
                            r, rate, concurrency);
                }
                for (int r = 1; r <= rounds; r++) {
                    double rate = restRound(load, order, orderBody, concurrency, seconds);
                    orders.add(rate);
                    System.out.printf(Locale.ROOT, "orders  round %d: %,.0f requests/s (order-cash limit buys, %d in "
                            + "flight)%n", r, rate, concurrency);
                }
            } finally {
                loadVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }

            String approval = post(http, sim.restBaseUrl() + "/oauth2/Approval", "{\"grant_type\":"
                    + "\"client_credentials\",\"appkey\":\"" + account.appKey() + "\",\"secretkey\":\""
                    + account.appSecret() + "\"}").path("approval_key").asText();
            NoticeCounter counter = new NoticeCounter();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(sim.wsBaseUrl() + "/tryitout"), counter)
                    .join();
            ws.sendText("{\"header\":{\"approval_key\":\"" + approval + "\",\"custtype\":\"P\",\"tr_type\":\"1\","
                    + "\"content-type\":\"utf-8\"},\"body\":{\"input\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\""
                    + account.htsId() + "\"}}}", true).join();
            counter.awaitAck();
            noticeRound(sim, account, counter, notices / 10);
            List<Double> ws2 = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double rate = noticeRound(sim, account, counter, notices);
                ws2.add(rate);
                System.out.printf(Locale.ROOT, "notices round %d: %,.0f notices/s (%,d encrypted H0STCNI0 frames)%n",
                        r, rate, notices);
            }
            ws.abort();
            System.out.printf(Locale.ROOT, "median: %,.0f REST requests/s (inquire-price), %,.0f order-cash requests/s,"
                    + " %,.0f notices/s on %d cores%n", median(rest), median(orders), median(ws2),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Keeps {@code concurrency} requests in flight for {@code seconds}; returns answered requests per second. */
    private static double restRound(io.vertx.core.http.HttpClient load, RequestOptions request, String body,
                                    int concurrency, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            loop(load, request, body, end, done, failed, finished);
        }
        finished.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            System.out.println("  (" + failed.get() + " failed requests)");
        }
        return done.get() / elapsed;
    }

    /** One in-flight slot: sends the next request when the last one was answered, until {@code end}. */
    private static void loop(io.vertx.core.http.HttpClient load, RequestOptions request, String body, long end,
                             AtomicLong done, AtomicLong failed, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        load.request(request).compose(req -> (body == null ? req.send() : req.send(body))
                        .compose(resp -> resp.body().map(b -> resp.statusCode() == 200
                                && b.toString().contains("\"rt_cd\":\"0\""))))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result()) {
                        done.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    loop(load, request, body, end, done, failed, finished);
                });
    }

    private static double noticeRound(KisSimulator sim, SimAccount account, NoticeCounter counter, int count)
            throws InterruptedException {
        CountDownLatch all = counter.expect(count);
        long start = System.nanoTime();
        if (sim.floodNotices(account.htsId(), count) != 1) {
            throw new IllegalStateException("the notice subscription is not in place");
        }
        if (!all.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("notices missing after 60 s: " + all.getCount());
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Counts H0STCNI0 data frames; the ack is awaited once. */
    private static final class NoticeCounter implements WebSocket.Listener {
        private final CountDownLatch ack = new CountDownLatch(1);
        private final AtomicReference<CountDownLatch> latch = new AtomicReference<>(new CountDownLatch(0));
        private final StringBuilder partial = new StringBuilder();

        CountDownLatch expect(int count) {
            CountDownLatch l = new CountDownLatch(count);
            latch.set(l);
            return l;
        }

        void awaitAck() throws InterruptedException {
            if (!ack.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no subscribe ack");
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (partial.length() > 14 && partial.charAt(0) == '1' && partial.indexOf("|H0STCNI0|") == 1) {
                    latch.get().countDown();
                } else if (partial.indexOf("OPSP0000") >= 0) {
                    ack.countDown();
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private static JsonNode post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body,
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(r.body());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
