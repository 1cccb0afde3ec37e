package kisgateway.kis.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.FakeClock;
import kisgateway.kis.FakeTicker;
import kisgateway.kis.LogCapture;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisBudgetExpired;
import kisgateway.kis.error.KisCredentialsRejected;
import kisgateway.kis.error.KisIssuanceThrottled;
import kisgateway.kis.error.KisTokenRejected;
import kisgateway.kis.error.KisUnavailableBeforeSend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokenServiceTest {

    private static final Duration DAY = Duration.ofHours(24);
    static final String APP_KEY = "PSQwErTyUiOpAsDfGhJkLzXcVbNm12345678";
    static final String APP_SECRET = "s3cr3t" + "Q".repeat(174);
    private final AppCredentials credentials = AppCredentials.of(APP_KEY, APP_SECRET);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-07-09T00:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();
    private final List<Long> pauses = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = nanos -> {
        pauses.add(nanos);
        ticker.advanceNanos(nanos);
        clock.advance(Duration.ofNanos(nanos));
    };
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final FakeIssuer issuer = new FakeIssuer(clock, ticker, DAY);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private AccessTokenService service(TokenSettings settings) {
        return new AccessTokenService(issuer, store, settings, clock, ticker, sleeper, executor, meters);
    }

    private AccessTokenService service() {
        return service(TokenSettings.defaults());
    }

    private long later() {
        return ticker.nanoTime() + Duration.ofMinutes(10).toNanos();
    }

    @Test
    void reusesAValidTokenAndReportsReadiness() {
        AccessTokenService tokens = service();
        assertThat(tokens.hasValidToken(credentials.appKey())).isFalse();
        AccessToken first = tokens.accessToken(credentials, later());
        clock.advance(Duration.ofHours(20));
        assertThat(tokens.accessToken(credentials, later())).isEqualTo(first);
        assertThat(issuer.calls()).isEqualTo(1);
        assertThat(tokens.hasValidToken(credentials.appKey())).isTrue();
        assertThat(meters.get("kis.token.refreshes").counter().count()).isEqualTo(1);
        assertThat(meters.get("kis.token.age").gauge().value()).isEqualTo(20 * 3600.0);
        clock.advance(Duration.ofHours(4));
        assertThat(tokens.hasValidToken(credentials.appKey())).isFalse();
    }

    @Test
    void withoutTheClustersIssuanceLockNothingIsIssued() throws Exception {
        TokenSettings d = TokenSettings.defaults();
        AccessTokenService tokens = service(new TokenSettings(d.refreshMargin(), d.minRefreshInterval(),
                d.throttleWait(), d.retryPause(), d.maxAttempts(), d.issuanceSpacing(), d.approvalKeyLifetime(),
                Duration.ofMillis(200)));
        // another instance is issuing for the key and holds the lock past this one's wait (one thread of its own:
        // the lock is released by the thread that took it)
        ExecutorService otherInstance = Executors.newSingleThreadExecutor();
        try {
            TokenStore.IssuanceLock other = otherInstance.submit(() -> store.lockIssuance(credentials.appKey().id(),
                    TokenKind.ACCESS, Duration.ofSeconds(1))).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThatThrownBy(() -> tokens.accessToken(credentials, later()))
                    .hasStackTraceContaining("NO_ISSUANCE_LOCK");
            assertThat(issuer.calls()).as("issued without the lock").isZero();
            otherInstance.submit(other::close).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            otherInstance.shutdownNow();
        }
        assertThat(tokens.accessToken(credentials, later())).isNotNull();
        assertThat(issuer.calls()).isEqualTo(1);
    }

    @Test
    void concurrentCallersShareOneIssuance() throws Exception {
        AccessTokenService tokens = service();
        issuer.gate = new CountDownLatch(1);
        List<CompletableFuture<AccessToken>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> tokens.accessToken(credentials, later()), executor));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> issuer.calls() == 1);
        issuer.gate.countDown();
        for (CompletableFuture<AccessToken> caller : callers) {
            assertThat(caller.get(5, TimeUnit.SECONDS)).isEqualTo(callers.get(0).get());
        }
        assertThat(issuer.calls()).isEqualTo(1);
    }

    @Test
    void refreshesAheadOfExpiryWhileCallersKeepTheValidToken() {
        AccessTokenService tokens = service(TokenSettings.defaults().withRefreshMargin(Duration.ofMinutes(15)));
        AccessToken first = tokens.accessToken(credentials, later());
        elapse(DAY.minusMinutes(20));
        assertThat(tokens.refreshIfDue(credentials)).isFalse();
        elapse(Duration.ofMinutes(6));
        assertThat(tokens.accessToken(credentials, later())).isEqualTo(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> issuer.calls() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.accessToken(credentials, later()).equals(first));
    }

    /** KIS returns the previous token within 6 h: a refresh that yields the same expiry must not loop. */
    @Test
    void aRefreshThatReturnsTheSameTokenDoesNotLoop() {
        issuer.fixedToken = "same-token-eyJhbGciOi";
        issuer.fixedExpiry = clock.instant().plus(DAY);
        AccessTokenService tokens = service(TokenSettings.defaults().withRefreshMargin(Duration.ofHours(23)));
        tokens.accessToken(credentials, later());
        elapse(Duration.ofHours(2));
        tokens.accessToken(credentials, later());
        await().atMost(Duration.ofSeconds(5)).until(() -> issuer.calls() == 2);
        for (int i = 0; i < 100; i++) {
            tokens.accessToken(credentials, later());
        }
        assertThat(issuer.calls()).isEqualTo(2);
    }

    @Test
    void throttledIssuanceWaitsTheConfiguredPauseAndNeverHammers() {
        issuer.failNext(() -> new KisIssuanceThrottled("tokenP", 403, "1분당 1회"))
                .failNext(() -> new KisIssuanceThrottled("tokenP", 403, "1분당 1회"));
        AccessTokenService tokens = service(TokenSettings.defaults().withThrottleWait(Duration.ofSeconds(60)));
        assertThat(tokens.accessToken(credentials, Long.MAX_VALUE + ticker.nanoTime())).isNotNull();
        assertThat(issuer.calls()).isEqualTo(3);
        assertThat(gaps(issuer.callTimes)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(
                Duration.ofSeconds(60).toNanos()));
        assertThat(meters.get("kis.token.issuance.failures").tag("reason", "KisIssuanceThrottled").counter().count())
                .isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxAttemptsAndTheNextDemandStillRespectsThePause() {
        for (int i = 0; i < 4; i++) {
            issuer.failNext(() -> new KisIssuanceThrottled("tokenP", 403, "1분당 1회"));
        }
        AccessTokenService tokens = service(TokenSettings.defaults().withMaxAttempts(2));
        assertThatThrownBy(() -> tokens.accessToken(credentials, Long.MAX_VALUE + ticker.nanoTime()))
                .isInstanceOf(KisIssuanceThrottled.class);
        assertThat(issuer.calls()).isEqualTo(2);
        pauses.clear();
        assertThatThrownBy(() -> tokens.accessToken(credentials, Long.MAX_VALUE + ticker.nanoTime()))
                .isInstanceOf(KisIssuanceThrottled.class);
        assertThat(pauses.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(59).toNanos());
        assertThat(gaps(issuer.callTimes)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(
                Duration.ofSeconds(60).toNanos()));
    }

    @Test
    void transportFailuresAreRetriedNoFasterThanOncePerSecond() {
        issuer.failNext(() -> new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.CONNECTION_REFUSED, "t", null))
                .failNext(() -> new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.TIMEOUT_AFTER_SEND, "t", 0, "", null));
        AccessTokenService tokens = service();
        assertThat(tokens.accessToken(credentials, Long.MAX_VALUE + ticker.nanoTime())).isNotNull();
        assertThat(issuer.calls()).isEqualTo(3);
        assertThat(gaps(issuer.callTimes)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(
                Duration.ofMillis(1010).toNanos()));
    }

    @Test
    void rejectedCredentialsAreNotRetried() {
        issuer.failNext(() -> new KisCredentialsRejected("tokenP", 403, "EGW00103", "유효하지 않은 AppKey입니다."));
        AccessTokenService tokens = service();
        assertThatThrownBy(() -> tokens.accessToken(credentials, later())).isInstanceOf(KisCredentialsRejected.class);
        assertThat(issuer.calls()).isEqualTo(1);
    }

    @Test
    void aCallerStopsWaitingAtItsDeadline() {
        AccessTokenService tokens = service();
        issuer.gate = new CountDownLatch(1);
        try {
            assertThatThrownBy(() -> tokens.accessToken(credentials, ticker.nanoTime() + 50_000_000L))
                    .isInstanceOf(KisBudgetExpired.class).hasMessageContaining("access token");
        } finally {
            issuer.gate.countDown();
        }
    }

    @Test
    void withFreshTokenRetryRefreshesOnceAndRetriesOnce() {
        AccessTokenService tokens = service();
        List<AccessToken> used = new CopyOnWriteArrayList<>();
        String result = tokens.withFreshTokenRetry(credentials, later(), token -> {
            used.add(token);
            if (used.size() == 1) {
                throw new KisTokenRejected(KisTokenRejected.Reason.EXPIRED, "TTTC8434R", 500, "기간이 만료된 token 입니다.");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(used).hasSize(2);
        assertThat(used.get(1)).isNotEqualTo(used.get(0));
        assertThat(issuer.calls()).isEqualTo(2);

        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> tokens.withFreshTokenRetry(credentials, later(), token -> {
            attempts.incrementAndGet();
            throw new KisTokenRejected(KisTokenRejected.Reason.INVALID, "TTTC8434R", 500, "유효하지 않은 token 입니다.");
        })).isInstanceOf(KisTokenRejected.class);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void invalidatingAnOldTokenDoesNotDropTheCurrentOne() {
        AccessTokenService tokens = service();
        AccessToken current = tokens.accessToken(credentials, later());
        tokens.invalidate(credentials, new AccessToken("some-older-token"));
        assertThat(tokens.accessToken(credentials, later())).isEqualTo(current);
        assertThat(issuer.calls()).isEqualTo(1);
    }

    @Test
    void aRestartReusesTheStoredTokenAndTheStoreHoldsOnlyCiphertext() {
        AccessToken issued = service().accessToken(credentials, later());
        StoredToken row = store.load(credentials.appKey().id(), TokenKind.ACCESS).orElseThrow();
        assertThat(row.ciphertext()).doesNotContain(issued.reveal()).doesNotContain("token-1");
        assertThat(row.appKeyId()).isEqualTo(credentials.appKey().id()).doesNotContain(APP_KEY);

        AccessTokenService restarted = new AccessTokenService(issuer, store, TokenSettings.defaults(), clock, ticker,
                sleeper, executor, new SimpleMeterRegistry());
        assertThat(restarted.accessToken(credentials, later())).isEqualTo(issued);
        assertThat(issuer.calls()).isEqualTo(1);

        clock.advance(DAY);
        AccessTokenService afterExpiry = new AccessTokenService(issuer, store, TokenSettings.defaults(), clock, ticker,
                sleeper, executor, new SimpleMeterRegistry());
        assertThat(afterExpiry.accessToken(credentials, later())).isNotEqualTo(issued);
        assertThat(issuer.calls()).isEqualTo(2);
    }

    @Test
    void aStoredTokenOfAnotherSecretIsIgnoredNotFatal() {
        service().accessToken(credentials, later());
        AppCredentials rotated = AppCredentials.of(APP_KEY, "another-secret-" + "R".repeat(100));
        AccessTokenService restarted = new AccessTokenService(issuer, store, TokenSettings.defaults(), clock, ticker,
                sleeper, executor, new SimpleMeterRegistry());
        assertThat(restarted.accessToken(rotated, later())).isNotNull();
        assertThat(issuer.calls()).isEqualTo(2);
    }

    @Test
    void noLogLineOrExceptionMessageCarriesASecret() {
        try (LogCapture logs = new LogCapture()) {
            issuer.failNext(() -> new KisIssuanceThrottled("tokenP", 403, "1분당 1회"));
            AccessTokenService tokens = service();
            AccessToken token = tokens.accessToken(credentials, Long.MAX_VALUE + ticker.nanoTime());
            tokens.invalidate(credentials, token);
            issuer.failNext(() -> new KisCredentialsRejected("tokenP", 403, "EGW00103", "유효하지 않은 AppKey입니다."));
            Throwable failure = null;
            try {
                tokens.accessToken(credentials, later());
            } catch (RuntimeException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            List<String> texts = new ArrayList<>(logs.lines());
            texts.add(String.valueOf(failure.getMessage()));
            texts.add(token.toString());
            texts.add(credentials.toString());
            assertThat(logs.lines()).isNotEmpty();
            assertThat(texts).allSatisfy(line -> assertThat(line)
                    .doesNotContain(APP_KEY).doesNotContain(APP_SECRET.substring(0, 20))
                    .doesNotContain(token.reveal()).doesNotContain(APP_KEY.substring(0, 12)));
        }
    }

    private void elapse(Duration duration) {
        clock.advance(duration);
        ticker.advance(duration);
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(times.get(i) - times.get(i - 1));
        }
        return gaps;
    }
}
