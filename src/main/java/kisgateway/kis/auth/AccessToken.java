package kisgateway.kis.auth;

import kisgateway.kis.MaskedSecret;

/** The OAuth access token sent as {@code authorization: Bearer …} (a JWT, up to 350 chars). */
public final class AccessToken extends MaskedSecret {

    public AccessToken(String value) {
        super(value, "access token");
    }
}
