package kisgateway.kis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK HttpServer on 127.0.0.1 answering KIS-shaped responses scripted by each test, and recording what it
 * received. It tests this adapter's own request building and parsing, not KIS.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    /** What the server saw. Header names are lower-cased. */
    public record Received(String method, String path, Map<String, String> query, Map<String, String> headers,
                           String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A scripted answer; {@code holdUntil} keeps the exchange open (no response) until released. */
    public record Reply(int status, Map<String, String> headers, String body, CountDownLatch holdUntil) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of(), body, null);
        }

        public static Reply json(int status, String body, String trCont) {
            return new Reply(status, Map.of("tr_cont", trCont), body, null);
        }

        public static Reply hang(CountDownLatch release) {
            return new Reply(200, Map.of(), "{}", release);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Received, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ScriptedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public ScriptedHttpServer on(String path, Function<Received, Reply> responder) {
        routes.put(path, responder);
        return this;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    parseQuery(exchange.getRequestURI().getRawQuery()), headers, body);
            received.add(request);
            Function<Received, Reply> responder = routes.get(request.path());
            Reply reply = responder == null ? Reply.json(404, "{\"rt_cd\":\"1\",\"msg_cd\":\"MCA00124\",\"msg1\":\"해당 서비스를 찾을수 없습니다\"}")
                    : responder.apply(request);
            if (reply.holdUntil() != null) {
                try {
                    reply.holdUntil().await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    /** Decodes like a strict server: %XX only ('+' stays '+'), so the test sees whether spaces were sent as %20. */
    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(percentDecode(key), percentDecode(value));
        }
        return query;
    }

    private static String percentDecode(String value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
