package kisgateway.ops.tickets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * POSTs a ticket change as JSON. Any 2xx is delivered; any other answer, a timeout or a refused connection is a
 * failed try. The secret, when configured, goes as a bearer token and is never part of a reason.
 */
public final class HttpWebhookTransport implements WebhookTransport {

    private final HttpClient client;
    private final URI url;
    private final String secret;
    private final Duration timeout;

    /** @param secret null or blank for none */
    public HttpWebhookTransport(URI url, String secret, Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.url = url;
        this.secret = secret == null || secret.isBlank() ? null : secret;
        this.timeout = timeout;
    }

    @Override
    public Attempt post(String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        try {
            HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = answer.statusCode();
            return status >= 200 && status < 300 ? Attempt.ok() : Attempt.failed("webhook answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return Attempt.failed("webhook did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Attempt.failed("webhook unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted while posting to the webhook");
        }
    }
}
