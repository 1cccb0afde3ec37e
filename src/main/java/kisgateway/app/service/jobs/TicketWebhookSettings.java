package kisgateway.app.service.jobs;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.ops.tickets.HttpWebhookTransport;
import kisgateway.ops.tickets.RetryBackoff;

/**
 * The incident tool's webhook for tickets ({@code ops.tickets.webhook.*}), checked at start-up: a URL that is not
 * http(s) with a host stops the start naming the property. Neither the URL nor the secret is ever repeated in an
 * error or a log line (a webhook URL often carries its token in the path); only its scheme and host are.
 */
public record TicketWebhookSettings(URI url, String secret, RetryBackoff backoff, Duration connectTimeout,
                                    Duration timeout) {

    static final String URL = "ops.tickets.webhook.url";
    static final String SECRET = "ops.tickets.webhook.secret";

    /** Empty when no URL is configured (tickets then go to kis.ops.tickets only). */
    public static Optional<TicketWebhookSettings> from(GatewayConfig config) {
        if (!config.has(URL)) {
            return Optional.empty();
        }
        URI url = httpUrl(config.require(URL));
        RetryBackoff backoff;
        try {
            backoff = new RetryBackoff(config.integer("ops.tickets.webhook.max-attempts"),
                    config.millis("ops.tickets.webhook.initial-backoff-ms"),
                    config.millis("ops.tickets.webhook.max-backoff-ms"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ops.tickets.webhook.max-attempts / initial-backoff-ms / max-backoff-ms: "
                    + e.getMessage());
        }
        return Optional.of(new TicketWebhookSettings(url, config.has(SECRET) ? config.require(SECRET) : null, backoff,
                config.millis("ops.tickets.webhook.connect-timeout-ms"), config.millis("ops.tickets.webhook.timeout-ms")));
    }

    static URI httpUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(URL + " is not a URL: it must be http:// or https:// with a host");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigurationException(URL + " must be an http:// or https:// URL, not "
                    + (scheme.isEmpty() ? "one without a scheme" : "'" + scheme + ":'"));
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new ConfigurationException(URL + " has no host: it must be http(s)://host[:port]/path");
        }
        return url;
    }

    public HttpWebhookTransport transport() {
        return new HttpWebhookTransport(url, secret, connectTimeout, timeout);
    }

    /** What a log line may say of the webhook. */
    public String where() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "TicketWebhookSettings[" + where() + ", secret=" + (secret == null ? "none" : "****") + ", " + backoff + "]";
    }
}
