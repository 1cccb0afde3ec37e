package kisgateway.kis.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.FakeClock;
import kisgateway.kis.FakeTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApprovalKeyServiceTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-07-09T00:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger calls = new AtomicInteger();
    private final AppCredentials credentials = AppCredentials.of("approval-app-key", "approval-secret");
    private final CredentialIssuer<ApprovalKey> issuer = c -> new IssuedCredential<>(
            new ApprovalKey("approval-" + calls.incrementAndGet()), clock.instant(),
            clock.instant().plus(Duration.ofHours(24)));
    private final ApprovalKeyService keys = new ApprovalKeyService(issuer, new InMemoryTokenStore(),
            TokenSettings.defaults(), clock, ticker, nanos -> ticker.advanceNanos(nanos), executor,
            new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void reusedDuringTheDayRenewedDailyAndOnDemand() {
        ApprovalKey first = keys.approvalKey(credentials);
        assertThat(keys.approvalKey(credentials)).isEqualTo(first);
        assertThat(keys.hasValidKey(credentials.appKey())).isTrue();

        keys.invalidate(credentials, first);
        ApprovalKey second = keys.approvalKey(credentials);
        assertThat(second).isNotEqualTo(first);

        clock.advance(Duration.ofHours(23).plusMinutes(50));
        ticker.advance(Duration.ofHours(23).plusMinutes(50));
        assertThat(keys.refreshIfDue(credentials)).isTrue();
        assertThat(keys.approvalKey(credentials)).isNotEqualTo(second);
        assertThat(calls.get()).isEqualTo(3);
    }
}
