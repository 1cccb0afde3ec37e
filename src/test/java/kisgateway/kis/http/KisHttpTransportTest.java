package kisgateway.kis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    /**
     * The status line and headers come at once, then the body one byte every 200 ms (a 40-byte body: 8 s). The JDK's
     * request timeout stops at the headers, so the call used to wait for the whole body; the request timeout covers
     * the whole exchange, and an order whose answer was not complete in time may have been booked: ambiguous.
     */
    @Test
    void aBodyDrippedPastTheRequestTimeoutIsAmbiguousAndTheExchangeIsAbandonedInTime() throws Exception {
        try (DrippingServer server = new DrippingServer(Duration.ofMillis(200))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/x");
            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                assertThatThrownBy(() -> transport.send(post(uri)))
                        .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e -> {
                            assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.TIMEOUT_AFTER_SEND);
                            assertThat(e.safeToResend()).isFalse();
                        });
            });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("the whole exchange ends by the 500 ms request timeout")
                    .isBetween(Duration.ofMillis(450), Duration.ofMillis(1_500));
            assertThat(server.requests()).isEqualTo(1);
            // abandoned, not left to drip on in the background: the server's next write finds the connection gone
            await().atMost(Duration.ofSeconds(5)).until(server::clientGone);
        }
    }

    /** An inquiry is held to the same deadline; it simply fails (nothing to settle: a GET books nothing). */
    @Test
    void anInquiryWhoseBodyDripsFailsByTheRequestTimeout() throws Exception {
        try (DrippingServer server = new DrippingServer(Duration.ofMillis(200))) {
            KisHttpRequest get = new KisHttpRequest("GET", URI.create("http://127.0.0.1:" + server.port()
                    + "/uapi/domestic-stock/v1/quotations/inquire-price?FID_INPUT_ISCD=005930"),
                    Map.of("tr_id", "FHKST01010100"), null, "FHKST01010100 inquire-price");
            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                    assertThatThrownBy(() -> transport.send(get)).isInstanceOf(KisException.class));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        }
    }

    /** Every answer's Date goes to the skew measurement, against the clock the transport was given. */
    @Test
    void theDateOfAnAnswerIsASampleOfKisClockAgainstOurs() throws Exception {
        Instant ours = Instant.parse("2026-12-07T01:00:00Z");
        KisClockSkew skew = new KisClockSkew(5, Duration.ofSeconds(2));
        KisHttpTransport onOurClock = KisHttpTransport.create(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Clock.fixed(ours, ZoneOffset.UTC), skew);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    readRequest(socket.getInputStream());
                    socket.getOutputStream().write(("HTTP/1.1 500 Internal Server Error\r\n"
                            + "Date: Mon, 07 Dec 2026 00:59:52 GMT\r\nContent-Length: 2\r\n\r\n{}")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test fails on its own
                }
            }, "dated-server");
            answerer.setDaemon(true);
            answerer.start();
            KisHttpResponse response = onOurClock.send(post(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/x")));
            assertThat(response.status()).as("a refusal has a Date as well").isEqualTo(500);
        }
        KisClockSkew.Estimate e = skew.estimate().orElseThrow();
        assertThat(e.lower()).isEqualTo(Duration.ofSeconds(-8));
        assertThat(e.upper()).isEqualTo(Duration.ofSeconds(-7));
        assertThat(skew.alerting()).isTrue();
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
        if (at < 0) {
            return;
        }
        int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
    }

    /** Answers every request with its headers at once and then its body one byte per {@code pause}. */
    private static final class DrippingServer implements AutoCloseable {
        private static final String BODY = "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"ok\"}";

        private final ServerSocket server;
        private final AtomicInteger requests = new AtomicInteger();
        private final CountDownLatch gone = new CountDownLatch(1);

        DrippingServer(Duration pause) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        readRequest(socket.getInputStream());
                        requests.incrementAndGet();
                        OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                                + "Content-Length: " + BODY.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        try {
                            for (byte b : BODY.getBytes(StandardCharsets.US_ASCII)) {
                                Thread.sleep(pause.toMillis()); // the drip's pace is the fault, not a wait
                                out.write(b);
                                out.flush();
                            }
                        } catch (IOException e) {
                            gone.countDown();
                        }
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "dripping-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        boolean clientGone() {
            return gone.getCount() == 0;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
