package kisgateway.kis.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisUnavailableBeforeSend;

/**
 * Sends one request on {@link HttpClient} (HTTP/1.1, no redirects) and sorts transport failures into "never
 * left" (safe to resend) and "may have arrived" (ambiguous). Every answer's {@code Date} goes to the
 * {@link KisClockSkew} measurement.
 *
 * <p>The JDK client resends a request on its own only when it is idempotent ({@code jdk.httpclient.enableAllMethodRetry}
 * is off by default), so a POST order is sent at most once per call here; a connect failure is retried by the
 * JDK only before anything was written.
 */
public final class KisHttpTransport {

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;
    private final KisClockSkew clockSkew;

    /**
     * @param clock     this host's clock as the gateway keeps it (the simulator's session time in sim mode)
     * @param clockSkew told of every answer's {@code Date} against {@code clock}
     */
    public KisHttpTransport(HttpClient client, Duration requestTimeout, Clock clock, KisClockSkew clockSkew) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /**
     * @param connectTimeout TCP (+TLS) connect; failing it means nothing was sent
     * @param requestTimeout from send to the last byte of the answer; failing it is ambiguous
     */
    public static KisHttpTransport create(Duration connectTimeout, Duration requestTimeout, Clock clock,
                                          KisClockSkew clockSkew) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new KisHttpTransport(client, requestTimeout, clock, clockSkew);
    }

    /** On the system clock, with a skew measurement of its own (callers that do not read it). */
    public static KisHttpTransport create(Duration connectTimeout, Duration requestTimeout) {
        return create(connectTimeout, requestTimeout, Clock.systemUTC(), new KisClockSkew(1, Duration.ofDays(1)));
    }

    public KisHttpResponse send(KisHttpRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(requestTimeout);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        }
        // HttpRequest.timeout stops at the response headers: a server that sends them and then drips the body would
        // hold the call for as long as it likes. The deadline covers the whole exchange, body included.
        AtomicReference<Instant> headersAt = new AtomicReference<>();
        HttpResponse.BodyHandler<String> body = HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
        Instant sentAt = clock.instant();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(builder.build(), info -> {
            headersAt.set(clock.instant());
            return body.apply(info);
        });
        try {
            HttpResponse<String> response = exchange.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            clockSkew.record(sentAt, headersAt.get(), response.headers().firstValue("date").orElse(null));
            return new KisHttpResponse(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.TIMEOUT_AFTER_SEND, request.description(), 0,
                    "the answer was not complete within the request timeout of " + requestTimeout.toMillis() + " ms",
                    e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.INTERRUPTED_AFTER_SEND, request.description(), 0,
                    "interrupted while waiting for KIS", e);
        } catch (ExecutionException e) {
            throw classifyFailure(request.description(), e.getCause());
        }
    }

    /** What the exchange failed with, as the JDK's blocking send would have thrown it. */
    private static KisException classifyFailure(String what, Throwable failure) {
        if (failure instanceof IOException io) {
            return classifyFailure(what, io);
        }
        if (failure instanceof UnresolvedAddressException e) {
            return new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.UNKNOWN_HOST, what, e);
        }
        if (failure instanceof IllegalArgumentException || failure instanceof SecurityException) {
            // refused by the client before anything was written: a fault of this request, as the blocking send says
            throw new IllegalArgumentException(what + ": " + failure.getMessage(), failure);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        // anything else once the request was handed over: the bytes may have reached KIS
        return new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.CONNECTION_LOST_AFTER_SEND, what, 0,
                failure == null ? "unknown failure" : failure.getClass().getSimpleName(), failure);
    }

    /** Package-visible so that every branch can be tested even where the OS will not produce the condition. */
    static KisException classifyFailure(String what, IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.CONNECT_TIMEOUT, what, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.TIMEOUT_AFTER_SEND, what, 0,
                    "no answer within the request timeout", e);
        }
        if (hasCause(e, UnknownHostException.class) || hasCause(e, UnresolvedAddressException.class)) {
            return new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.UNKNOWN_HOST, what, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.CONNECTION_REFUSED, what, e);
        }
        // Reset, EOF before the status line, a broken keep-alive connection: the bytes may have reached KIS.
        return new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.CONNECTION_LOST_AFTER_SEND, what, 0,
                e.getClass().getSimpleName(), e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
