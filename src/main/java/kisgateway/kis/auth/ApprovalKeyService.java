package kisgateway.kis.auth;

import java.time.Clock;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.MeterRegistry;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.AppKey;
import kisgateway.kis.NanoTicker;

/**
 * The WebSocket approval key of each app key: issued through POST /oauth2/Approval, persisted like the access
 * token (kind APPROVAL), re-issued after its lifetime (KIS documents none; the official client renews daily) and
 * on demand when the socket refuses it (OPSP0011 → {@link #invalidate}). Same single flight and 1/s spacing.
 */
public final class ApprovalKeyService implements ApprovalKeySource {

    private final IssuedCredentialCache<ApprovalKey> cache;

    public ApprovalKeyService(CredentialIssuer<ApprovalKey> issuer, TokenStore store, TokenSettings settings,
                              Clock clock, NanoTicker ticker, Sleeper sleeper, Executor executor, MeterRegistry meters) {
        this.cache = new IssuedCredentialCache<>(TokenKind.APPROVAL, issuer, ApprovalKey::new, store, new TokenCipher(),
                settings, clock, ticker, sleeper, executor, meters);
    }

    public static ApprovalKeyService create(KisAuthClient client, TokenStore store, TokenSettings settings,
                                            MeterRegistry meters) {
        return new ApprovalKeyService(client.approvalKeyIssuer(settings.approvalKeyLifetime()), store, settings,
                Clock.systemUTC(), NanoTicker.SYSTEM, Sleeper.SYSTEM,
                AccessTokenService.daemonExecutor("kis-approval-issuance"), meters);
    }

    public ApprovalKey approvalKey(AppCredentials credentials, long deadlineNanos) {
        return cache.get(credentials, deadlineNanos, "approval key");
    }

    @Override
    public ApprovalKey approvalKey(AppCredentials credentials) {
        return approvalKey(credentials, cache.ticker().nanoTime() + cache.settings().defaultWait().toNanos());
    }

    /** The socket refused this key (OPSP0011 invalid approval): the next call issues a fresh one. */
    @Override
    public void invalidate(AppCredentials credentials, ApprovalKey refused) {
        cache.invalidate(credentials, refused);
    }

    /** For the daily refresh route. */
    public boolean refreshIfDue(AppCredentials credentials) {
        return cache.refreshIfDue(credentials);
    }

    public boolean hasValidKey(AppKey appKey) {
        return cache.hasValid(appKey);
    }
}
