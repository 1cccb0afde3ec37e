package kisgateway.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.awaitility.Awaitility.await;

/**
 * A KIS real-time client for the tests on the JDK's own WebSocket: records every text frame, subscribes with
 * the KIS frame, and decrypts notices with javax.crypto (AES/CBC/PKCS5Padding, key and iv from the ack).
 */
final class WsTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final WebSocket socket;
    private final String approvalKey;

    private WsTestClient(WebSocket socket, String approvalKey) {
        this.socket = socket;
        this.approvalKey = approvalKey;
    }

    static WsTestClient connect(String url, String approvalKey) {
        Listener listener = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), listener).join();
        WsTestClient client = new WsTestClient(ws, approvalKey);
        listener.owner = client;
        listener.pending.forEach(client.frames::add);
        return client;
    }

    private static final class Listener implements WebSocket.Listener {
        volatile WsTestClient owner;
        final List<String> pending = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (owner == null) {
                    pending.add(text);
                } else {
                    owner.frames.add(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (owner != null) {
                owner.closed.complete(statusCode);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (owner != null) {
                owner.closed.complete(-1);
            }
        }
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    static String subscribeFrame(String approvalKey, String trType, String trId, String trKey) {
        try {
            return JSON.writeValueAsString(Map.of(
                    "header", Map.of("approval_key", approvalKey, "custtype", "P", "tr_type", trType,
                            "content-type", "utf-8"),
                    "body", Map.of("input", Map.of("tr_id", trId, "tr_key", trKey))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a register (tr_type "1") or release ("2") frame and waits for the control answer about it. */
    JsonNode control(String trType, String trId, String trKey) {
        int before = frames.size();
        sendText(subscribeFrame(approvalKey, trType, trId, trKey));
        return awaitJson(before, n -> n.path("header").path("tr_id").asText().equals(trId)
                && n.path("header").path("tr_key").asText().equals(trKey) && n.has("body"));
    }

    JsonNode subscribe(String trId, String trKey) {
        return control("1", trId, trKey);
    }

    /** The first JSON frame received after index {@code from} that matches. */
    JsonNode awaitJson(int from, Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(5, TimeUnit.SECONDS).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            for (int i = from; i < frames.size(); i++) {
                String f = frames.get(i);
                if (f.startsWith("{")) {
                    JsonNode n = JSON.readTree(f);
                    if (matching.test(n)) {
                        found[0] = n;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    /** Data frames ("0|…" or "1|…") of one TR received so far. */
    List<String> dataFrames(String trId) {
        List<String> out = new ArrayList<>();
        for (String f : frames) {
            if ((f.startsWith("0|") || f.startsWith("1|")) && f.split("\\|", 4)[1].equals(trId)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Decrypts the payload of an encrypted data frame with a standard AES-256-CBC implementation. */
    static String decrypt(String frame, String key, String iv) {
        String[] parts = frame.split("\\|", 4);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
            return new String(c.doFinal(java.util.Base64.getDecoder().decode(parts[3])), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("notice does not decrypt: " + frame, e);
        }
    }

    void sendPong(String payload) {
        socket.sendPong(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
                closed.get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already closed by the server
            }
        }
        socket.abort();
    }
}
