package kisgateway.kis.auth;

import kisgateway.kis.AppCredentials;
import kisgateway.kis.MaskedSecret;

/** One issuance call to KIS ({@link KisAuthClient} in production, a fake in tests). */
@FunctionalInterface
public interface CredentialIssuer<T extends MaskedSecret> {

    /** @throws kisgateway.kis.error.KisException classified as usual (EGW00133 is {@code KisIssuanceThrottled}) */
    IssuedCredential<T> issue(AppCredentials credentials);
}
