package kisgateway.kis.ws;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

/**
 * A WebSocket server on 127.0.0.1 that answers like KIS's realtime socket (docs/architecture.md#realtime-socket) as
 * each test scripts it, and records what the
 * session did: connections (and how many were open at once), subscribe frames, pong payloads.
 */
final class FakeRealtimeServer implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger maxOpenAtOnce = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final List<JsonNode> subscribeFrames = new CopyOnWriteArrayList<>();
    final List<String> pongs = new CopyOnWriteArrayList<>();
    volatile boolean rejectAll;
    /** Decides the answer to a subscribe frame; default: success with the sample key/iv. */
    volatile BiConsumer<ServerWebSocket, JsonNode> onSubscribe = (ws, frame) -> ws.writeTextMessage(ack(frame));

    FakeRealtimeServer(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            if (rejectAll) {
                rejected.incrementAndGet();
                ws.reject();
                return;
            }
            connections.incrementAndGet();
            open.add(ws);
            maxOpenAtOnce.accumulateAndGet(open.size(), Math::max);
            ws.closeHandler(v -> open.remove(ws));
            ws.pongHandler(buffer -> pongs.add(buffer.toString()));
            ws.textMessageHandler(text -> {
                try {
                    JsonNode frame = json.readTree(text);
                    subscribeFrames.add(frame);
                    onSubscribe.accept(ws, frame);
                } catch (Exception e) {
                    ws.close();
                }
            });
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    static String ack(JsonNode frame) {
        String trId = frame.at("/body/input/tr_id").asText();
        String trKey = frame.at("/body/input/tr_key").asText();
        return "{\"header\":{\"tr_id\":\"" + trId + "\",\"tr_key\":\"" + trKey + "\",\"encrypt\":\"Y\"},"
                + "\"body\":{\"rt_cd\":\"0\",\"msg_cd\":\"OPSP0000\",\"msg1\":\"SUBSCRIBE SUCCESS\","
                + "\"output\":{\"iv\":\"" + NoticeSamples.IV + "\",\"key\":\"" + NoticeSamples.KEY + "\"}}}";
    }

    static String refusal(JsonNode frame, String msgCd, String msg1) {
        return "{\"header\":{\"tr_id\":\"" + frame.at("/body/input/tr_id").asText() + "\",\"tr_key\":\"x\","
                + "\"encrypt\":\"N\"},\"body\":{\"rt_cd\":\"1\",\"msg_cd\":\"" + msgCd + "\",\"msg1\":\"" + msg1 + "\"}}";
    }

    void sendToAll(String text) {
        open.forEach(ws -> ws.writeTextMessage(text));
    }

    void closeAll() {
        open.forEach(ServerWebSocket::close);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
