package kisgateway.kis.auth;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.AppKey;
import kisgateway.kis.NanoTicker;

/**
 * The access token of each app key: reused while valid (also across restarts, through the {@link TokenStore}),
 * refreshed ahead of {@code access_token_token_expired} by a margin, issued one at a time per app key, never
 * faster than KIS allows (1/s; after EGW00133 a long pause). Metrics: {@code kis.token.age},
 * {@code kis.token.refreshes}, {@code kis.token.issuance.failures}, {@code kis.token.reused} (tag kind=ACCESS).
 */
public final class AccessTokenService implements AccessTokenProvider {

    private final IssuedCredentialCache<AccessToken> cache;

    public AccessTokenService(CredentialIssuer<AccessToken> issuer, TokenStore store, TokenSettings settings,
                              Clock clock, NanoTicker ticker, Sleeper sleeper, Executor executor, MeterRegistry meters) {
        this.cache = new IssuedCredentialCache<>(TokenKind.ACCESS, issuer, AccessToken::new, store, new TokenCipher(),
                settings, clock, ticker, sleeper, executor, meters);
    }

    /** Production wiring: system clock and ticker, a daemon thread per issuance. */
    public static AccessTokenService create(KisAuthClient client, TokenStore store, TokenSettings settings,
                                            MeterRegistry meters) {
        return new AccessTokenService(client.accessTokenIssuer(), store, settings, Clock.systemUTC(), NanoTicker.SYSTEM,
                Sleeper.SYSTEM, daemonExecutor("kis-token-issuance"), meters);
    }

    @Override
    public AccessToken accessToken(AppCredentials credentials, long deadlineNanos) {
        return cache.get(credentials, deadlineNanos, "access token");
    }

    /** Waits up to the configured default wait. */
    public AccessToken accessToken(AppCredentials credentials) {
        return accessToken(credentials, cache.ticker().nanoTime() + cache.settings().defaultWait().toNanos());
    }

    @Override
    public void invalidate(AppCredentials credentials, AccessToken refused) {
        cache.invalidate(credentials, refused);
    }

    /** For the scheduled refresh route: issues only when missing or within the refresh margin; true if it did. */
    public boolean refreshIfDue(AppCredentials credentials) {
        return cache.refreshIfDue(credentials);
    }

    /** Readiness: a token that has not expired is held in memory for this app key. */
    public boolean hasValidToken(AppKey appKey) {
        return cache.hasValid(appKey);
    }

    static Executor daemonExecutor(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
