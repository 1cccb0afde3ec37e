package kisgateway.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The strategies of a run, open loop: each account's sends limit buys at {@code factor} times the budget, whatever
 * the gateway does, over JMS ({@code kis.order.intents}, which every consuming instance shares) or over REST to the
 * instances in turn (what spreads intents over several processes by the strategies' own doing).
 */
final class IntentFeeder {

    private static final String DEMO_KEY = "sim-demo-key";

    /**
     * HTTP/1.1, a connection per request in flight, as a strategy's client would: the JDK's default (HTTP/2 over an
     * h2c upgrade) multiplexes every request to an instance over one connection and fails those beyond the server's
     * concurrent streams (100) with "too many concurrent streams", a failure of the client, not the gateway.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<CompletableFuture<?>> answers = new ArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    /** Over JMS; returns once every intent is sent. */
    void overJms(Connection jms, List<String> aliases, String run, int count, long price, double factor)
            throws InterruptedException {
        each(aliases, count, factor, alias -> {
            Session s = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("kis.order.intents"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            return i -> {
                var m = s.createTextMessage(body(run, alias, i, price));
                m.setStringProperty("account", alias);
                m.setStringProperty("symbol", OrderPipelineBench.SYMBOL);
                m.setStringProperty("side", "BUY");
                p.send(m);
            };
        });
    }

    /** Over REST, intent i of every account to {@code ports[i % n]}; returns once every intent is sent, not answered. */
    void overRest(List<Integer> ports, List<String> aliases, String run, int count, long price, double factor)
            throws InterruptedException {
        each(aliases, count, factor, alias -> i -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i % ports.size())
                            + "/api/orders")).header("X-Api-Key", DEMO_KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body(run, alias, i, price)))
                    .build();
            CompletableFuture<?> answered = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> outcomes.computeIfAbsent(r != null ? "HTTP " + r.statusCode()
                            : failure(e), k -> new AtomicInteger()).incrementAndGet());
            synchronized (answers) {
                answers.add(answered);
            }
        });
    }

    /** How the REST intents sent so far were answered (HTTP status, or the failure), waiting up to {@code atMost}. */
    Map<String, Integer> restAnswers(Duration atMost) {
        List<CompletableFuture<?>> all = answersSnapshot();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // counted below as what is still open
        }
        Map<String, Integer> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.get()));
        long open = all.stream().filter(f -> !f.isDone()).count();
        if (open > 0) {
            out.put("unanswered", (int) open);
        }
        return out;
    }

    /** How many REST intents were not answered 200 (a failure, another status, or no answer yet). */
    int restNotAccepted() {
        return outcomes.entrySet().stream().filter(e -> !e.getKey().equals("HTTP 200"))
                .mapToInt(e -> e.getValue().get()).sum()
                + (int) answersSnapshot().stream().filter(f -> !f.isDone()).count();
    }

    private List<CompletableFuture<?>> answersSnapshot() {
        synchronized (answers) {
            return new ArrayList<>(answers);
        }
    }

    private static String failure(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }

    private interface Sender {
        void send(int i) throws Exception;
    }

    private interface SenderFactory {
        Sender forAccount(String alias) throws Exception;
    }

    private static void each(List<String> aliases, int count, double factor, SenderFactory senders)
            throws InterruptedException {
        List<Thread> feeders = new ArrayList<>();
        for (String alias : aliases) {
            Thread t = new Thread(() -> {
                try {
                    Sender sender = senders.forAccount(alias);
                    long start = System.nanoTime();
                    double intervalNanos = 1e9 / (OrderPipelineBench.BUDGET_PER_SECOND * factor);
                    for (int i = 0; i < count; i++) {
                        long due = start + (long) (i * intervalNanos);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        sender.send(i);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("feeding " + alias + " failed", e);
                }
            }, "feed-" + alias);
            t.start();
            feeders.add(t);
        }
        for (Thread t : feeders) {
            t.join();
        }
    }

    private static String body(String run, String alias, int i, long price) {
        return """
                {"clientOrderId":"%s-%s-%d","account":"%s","strategyId":"demo","symbol":"%s",\
                "side":"BUY","quantity":1,"orderType":"00","price":"%d","timeToLiveMs":60000}"""
                .formatted(run, alias, i, alias, OrderPipelineBench.SYMBOL, price);
    }
}
