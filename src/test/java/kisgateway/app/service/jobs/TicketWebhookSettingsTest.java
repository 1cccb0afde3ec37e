package kisgateway.app.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kisgateway.app.config.ConfigurationException;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** The webhook's URL is checked at start-up: anything but http(s) with a host stops the start naming the key. */
class TicketWebhookSettingsTest {

    @Test
    void noUrlIsNoWebhook() {
        assertThat(TicketWebhookSettings.from(TestConfig.load(Map.of()))).isEmpty();
    }

    @Test
    void anHttpsUrlIsTakenAndOnlyItsHostIsEverShown() {
        TicketWebhookSettings s = TicketWebhookSettings.from(TestConfig.load(Map.of(
                "ops.tickets.webhook.url", "https://hooks.example.com/T0123/B0456/tokenInThePath",
                "ops.tickets.webhook.secret", "a-webhook-secret"))).orElseThrow();
        assertThat(s.where()).isEqualTo("https://hooks.example.com");
        assertThat(s.toString()).doesNotContain("tokenInThePath").doesNotContain("a-webhook-secret");
        assertThat(s.backoff().maxAttempts()).isEqualTo(8);
    }

    @Test
    void aUrlThatIsNotHttpStopsTheStartNamingTheProperty() {
        for (String bad : new String[] {"ftp://files.example.com/hook?token=s3cr3t-token", "file:///etc/passwd",
                "hooks.example.com/path", "https:///no-host", "http://exa mple.com/"}) {
            assertThatThrownBy(() -> TicketWebhookSettings.from(TestConfig.load(Map.of("ops.tickets.webhook.url", bad))))
                    .as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ops.tickets.webhook.url")
                    .hasMessageNotContaining("s3cr3t-token").hasMessageNotContaining("passwd");
        }
    }
}
