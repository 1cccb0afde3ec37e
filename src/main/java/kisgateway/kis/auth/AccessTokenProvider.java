package kisgateway.kis.auth;

import java.util.function.Function;

import kisgateway.kis.AppCredentials;
import kisgateway.kis.error.KisTokenRejected;

/** What a REST caller needs of the token lifecycle; {@link AccessTokenService} in production. */
public interface AccessTokenProvider {

    /** A valid token, waiting for an issuance at most until {@code deadlineNanos} (ticker time). */
    AccessToken accessToken(AppCredentials credentials, long deadlineNanos);

    /** KIS refused this token (EGW00123/121/122): forget it if it is still current. */
    void invalidate(AppCredentials credentials, AccessToken refused);

    /**
     * Runs {@code call} with a valid token; if KIS refuses the token, invalidates it, gets a fresh one and runs the
     * call exactly once more. A second refusal goes to the caller: there is no loop.
     */
    default <T> T withFreshTokenRetry(AppCredentials credentials, long deadlineNanos, Function<AccessToken, T> call) {
        AccessToken token = accessToken(credentials, deadlineNanos);
        try {
            return call.apply(token);
        } catch (KisTokenRejected refused) {
            invalidate(credentials, token);
            return call.apply(accessToken(credentials, deadlineNanos));
        }
    }
}
