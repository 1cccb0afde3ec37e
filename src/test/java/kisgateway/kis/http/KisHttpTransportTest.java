package kisgateway.kis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import kisgateway.kis.ScriptedHttpServer;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisUnavailableBeforeSend;
import org.junit.jupiter.api.Test;

class KisHttpTransportTest {

    private final KisHttpTransport transport = KisHttpTransport.create(Duration.ofSeconds(2), Duration.ofMillis(500));

    private static KisHttpRequest post(URI uri) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("tr_id", "TTTC0012U");
        return new KisHttpRequest("POST", uri, headers, "{\"CANO\":\"81055689\"}", "TTTC0012U order-cash");
    }

    @Test
    void sendsHeadersAndBodyAndReturnsStatusHeadersBody() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer()) {
            server.on("/x", r -> ScriptedHttpServer.Reply.json(200, "{\"rt_cd\":\"0\"}", "D"));
            KisHttpResponse response = transport.send(post(server.baseUri().resolve("/x")));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("tr_cont")).isEqualTo("D");
            assertThat(response.header("absent")).isEmpty();
            assertThat(response.body()).isEqualTo("{\"rt_cd\":\"0\"}");
            ScriptedHttpServer.Received got = server.received("/x").get(0);
            assertThat(got.method()).isEqualTo("POST");
            assertThat(got.header("tr_id")).isEqualTo("TTTC0012U");
            assertThat(got.body()).isEqualTo("{\"CANO\":\"81055689\"}");
        }
    }

    @Test
    void connectionRefusedMeansNotSent() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/x");
        assertThatThrownBy(() -> transport.send(post(uri)))
                .isInstanceOfSatisfying(KisUnavailableBeforeSend.class, e -> {
                    assertThat(e.reason()).isEqualTo(KisUnavailableBeforeSend.Reason.CONNECTION_REFUSED);
                    assertThat(e.safeToResend()).isTrue();
                });
    }

    @Test
    void unknownHostMeansNotSent() {
        URI uri = URI.create("http://no-such-host.invalid:9443/x");
        assertThatThrownBy(() -> transport.send(post(uri)))
                .isInstanceOfSatisfying(KisUnavailableBeforeSend.class, e ->
                        assertThat(e.reason()).isEqualTo(KisUnavailableBeforeSend.Reason.UNKNOWN_HOST));
    }

    @Test
    void noAnswerAfterSendIsAmbiguous() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedHttpServer server = new ScriptedHttpServer()) {
            server.on("/slow", r -> ScriptedHttpServer.Reply.hang(release));
            assertThatThrownBy(() -> transport.send(post(server.baseUri().resolve("/slow"))))
                    .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e -> {
                        assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.TIMEOUT_AFTER_SEND);
                        assertThat(e.safeToResend()).isFalse();
                    });
            assertThat(server.received("/slow")).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    /** The server reads the whole request, then resets the connection: it may have acted on it. */
    @Test
    void connectionDroppedAfterSendIsAmbiguousAndThePostIsNotResent() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        readRequest(socket.getInputStream());
                        requests.incrementAndGet();
                        socket.setSoLinger(true, 0);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/x");
            assertThatThrownBy(() -> transport.send(post(uri)))
                    .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e ->
                            assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.CONNECTION_LOST_AFTER_SEND));
            assertThat(requests.get()).isEqualTo(1);
        }
    }

    @Test
    void failureClassesThatTheOsWillNotProduceOnDemand() {
        KisException connectTimeout = KisHttpTransport.classifyFailure("w", new HttpConnectTimeoutException("connect"));
        assertThat(connectTimeout).isInstanceOfSatisfying(KisUnavailableBeforeSend.class, e ->
                assertThat(e.reason()).isEqualTo(KisUnavailableBeforeSend.Reason.CONNECT_TIMEOUT));
        KisException unknownHost = KisHttpTransport.classifyFailure("w",
                (ConnectException) new ConnectException("x").initCause(new java.net.UnknownHostException("h")));
        assertThat(unknownHost).isInstanceOfSatisfying(KisUnavailableBeforeSend.class, e ->
                assertThat(e.reason()).isEqualTo(KisUnavailableBeforeSend.Reason.UNKNOWN_HOST));
        KisException reset = KisHttpTransport.classifyFailure("w", new IOException("Connection reset"));
        assertThat(reset).isInstanceOf(KisAmbiguousOutcome.class);
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String text = head.toString().toLowerCase();
        int at = text.indexOf("content-length:");
        int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
    }
}
