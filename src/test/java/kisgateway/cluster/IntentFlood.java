package kisgateway.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import kisgateway.testing.GatewayUnderTest;

/**
 * Strategies offering intents of one account at a fixed rate, open loop: two of every three over REST, spread over
 * the live gateway instances in turn, the third over JMS. Each intent is a limit buy of one symbol whose price and
 * quantity together no other intent of the flood has, so KIS's book tells which intent each of its orders came from.
 * A REST intent whose instance died, failed (5xx) or gave no answer within 10 s is sent again, with the same
 * clientOrderId, to another instance after a short back-off, for up to 30 s, as a strategy would.
 */
final class IntentFlood implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Price levels below the last price (tick 1 under 2,000 KRW, all within the 5 % band at ~600). */
    private static final int LEVELS = 20;
    /**
     * How long a strategy waits for one answer: an intent's time-to-live (2 s) and a KIS request (5 s) with room to
     * spare; past it the intent is sent again like any failed attempt.
     */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a strategy keeps sending a REST intent again: room for a timed-out attempt and a retry after it. */
    private static final long RETRY_NANOS = 30_000_000_000L;

    /** One intent as offered, and what became of it at the strategy's end. */
    static final class Intent {
        final String clientOrderId;
        final long price;
        final long quantity;
        final boolean overRest;
        final long offeredAtNanos;
        volatile String answeredState;
        volatile String failure;
        final AtomicInteger attempts = new AtomicInteger();

        Intent(String clientOrderId, long price, long quantity, boolean overRest, long offeredAtNanos) {
            this.clientOrderId = clientOrderId;
            this.price = price;
            this.quantity = quantity;
            this.overRest = overRest;
            this.offeredAtNanos = offeredAtNanos;
        }
    }

    private final String prefix;
    private final String symbol;
    private final long lastPrice;
    private final double perSecond;
    private final Session jms;
    private final MessageProducer producer;
    /**
     * HTTP/1.1, a connection per request in flight, as a strategy's client would: the JDK's default (HTTP/2 over an
     * h2c upgrade) multiplexes every request to an instance over one connection and fails those beyond the server's
     * concurrent streams (100) with "too many concurrent streams", a failure of the client, not the gateway.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Integer> livePorts;
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<Long, Intent> bySignature = new ConcurrentHashMap<>();
    private final Map<String, Intent> byClientOrderId = new ConcurrentHashMap<>();
    private final List<CompletableFuture<?>> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger retriedAfterFailure = new AtomicInteger();
    private final Map<String, AtomicInteger> failedAttempts = new ConcurrentHashMap<>();
    private final Map<String, String> failureSamples = new ConcurrentHashMap<>();
    private final List<Thread> pacers = new ArrayList<>();
    private volatile boolean stopped;
    private long startedNanos;
    private long stoppedNanos;

    IntentFlood(String prefix, String symbol, long lastPrice, double perSecond, Connection strategy, List<Integer> ports)
            throws JMSException {
        this.prefix = prefix;
        this.symbol = symbol;
        this.lastPrice = lastPrice;
        this.perSecond = perSecond;
        this.jms = strategy.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.producer = jms.createProducer(jms.createQueue("kis.order.intents"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        this.livePorts = new CopyOnWriteArrayList<>(ports);
    }

    /**
     * Starts offering until {@link #stop()}: two thirds of {@code perSecond} over REST and a third over JMS, each on
     * a schedule of its own that a slow send (a busy machine, a broker's commit) delays but does not thin out.
     */
    void start() {
        pacers.add(pace("intent-flood-rest", perSecond * 2 / 3, () -> offerOverRest(
                livePorts.get(Math.floorMod(turn.getAndIncrement(), livePorts.size())))));
        pacers.add(pace("intent-flood-jms", perSecond / 3, this::offerOverJms));
        startedNanos = System.nanoTime();
        pacers.forEach(Thread::start);
    }

    private interface Offer {
        void run() throws Exception;
    }

    private Thread pace(String name, double rate, Offer offer) {
        Thread t = new Thread(() -> {
            long interval = (long) (1e9 / rate);
            long due = System.nanoTime();
            while (!stopped) {
                LockSupport.parkNanos(due - System.nanoTime());
                try {
                    offer.run();
                } catch (Exception e) {
                    throw new IllegalStateException("the strategy could not send", e);
                }
                due += interval;
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    /** {@code count} REST intents to one instance at once (a strategy's burst), on top of the flood. */
    List<String> burstTo(int port, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(offerOverRest(port).clientOrderId);
        }
        return ids;
    }

    /** The strategies learnt that the instance on {@code port} is gone: new intents go to the others. */
    void markDead(int port) {
        livePorts.remove(Integer.valueOf(port));
    }

    void stop() throws InterruptedException {
        stopped = true;
        stoppedNanos = System.nanoTime();
        for (Thread t : pacers) {
            t.join(5_000);
        }
    }

    /** Intents offered a second, from start to stop (bursts included). */
    double offeredPerSecond() {
        return byClientOrderId.size() / ((stoppedNanos - startedNanos) / 1e9);
    }

    /** Waits until every REST intent was answered or gave up. */
    void awaitAnswers(Duration atMost) throws Exception {
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    Collection<Intent> intents() {
        return byClientOrderId.values();
    }

    /** The intent a KIS order of this price and quantity came from, or null if none of the flood's. */
    Intent bySignature(long price, long quantity) {
        return bySignature.get(signature(price, quantity));
    }

    /** REST intents sent again to another instance after the first one died or failed (5xx) mid-request. */
    int retriedAfterFailure() {
        return retriedAfterFailure.get();
    }

    /** The REST attempts that failed, by status (5xx) or exception: what the strategies had to send again. */
    Map<String, Integer> failedAttempts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        failedAttempts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The first failure of each kind, with the port it came from. */
    Map<String, String> failureSamples() {
        return new java.util.TreeMap<>(failureSamples);
    }

    /** The intent of a client order id, or null if the flood did not offer it. */
    Intent byClientOrderId(String clientOrderId) {
        return byClientOrderId.get(clientOrderId);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    String prefix() {
        return prefix;
    }

    private Intent next(boolean overRest) {
        int n = numbers.getAndIncrement();
        long price = lastPrice - 1 - n % LEVELS;
        long quantity = 1 + n / LEVELS;
        Intent intent = new Intent(prefix + n, price, quantity, overRest, System.nanoTime());
        bySignature.put(signature(price, quantity), intent);
        byClientOrderId.put(intent.clientOrderId, intent);
        return intent;
    }

    private void offerOverJms() throws JMSException {
        Intent intent = next(false);
        intent.attempts.incrementAndGet();
        producer.send(jms.createTextMessage(body(intent)));
    }

    private Intent offerOverRest(int port) {
        Intent intent = next(true);
        CompletableFuture<Void> answered = new CompletableFuture<>();
        answers.add(answered);
        send(intent, port, answered);
        return intent;
    }

    private void send(Intent intent, int port, CompletableFuture<Void> answered) {
        intent.attempts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .header("X-Api-Key", GatewayUnderTest.DEMO_KEY).header("Content-Type", "application/json")
                .timeout(ATTEMPT_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body(intent))).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (response != null && response.statusCode() == 200) {
                try {
                    intent.answeredState = JSON.readTree(response.body()).path("state").asText();
                } catch (Exception e) {
                    intent.failure = "unreadable answer: " + response.body();
                }
                answered.complete(null);
                return;
            }
            if (response != null && response.statusCode() < 500) {
                intent.failure = response.statusCode() + " " + response.body();
                answered.complete(null);
                return;
            }
            String why = response != null ? response.statusCode() + " " + response.body() : String.valueOf(error);
            String kind = response != null ? "HTTP " + response.statusCode() : rootCause(error).getClass().getSimpleName();
            failedAttempts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            failureSamples.putIfAbsent(kind, "port " + port + ": " + (response != null ? response.body()
                    : rootCause(error).getMessage()));
            if (System.nanoTime() - intent.offeredAtNanos > RETRY_NANOS) {
                intent.failure = "gave up after " + intent.attempts.get() + " attempts, last: " + why;
                answered.complete(null);
                return;
            }
            // the same clientOrderId to another instance, after a back-off as a strategy would
            int other = livePorts.stream().filter(p -> p != port).findFirst().orElse(port);
            if (intent.attempts.get() == 1) {
                retriedAfterFailure.incrementAndGet();
            }
            CompletableFuture.delayedExecutor(Math.min(250L * intent.attempts.get(), 1_000), TimeUnit.MILLISECONDS)
                    .execute(() -> send(intent, other, answered));
        });
    }

    private String body(Intent intent) {
        return "{\"clientOrderId\":\"" + intent.clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"" + symbol + "\",\"side\":\"BUY\",\"quantity\":" + intent.quantity
                + ",\"orderType\":\"00\",\"price\":\"" + intent.price + "\"}";
    }

    private static long signature(long price, long quantity) {
        return price * 1_000_000L + quantity;
    }

    @Override
    public void close() throws JMSException {
        stopped = true;
        jms.close();
    }
}
