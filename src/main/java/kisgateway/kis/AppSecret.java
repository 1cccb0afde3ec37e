package kisgateway.kis;

/** The KIS app secret (180 chars in production). Sent as {@code appsecret} / {@code secretkey}; keys the token store. */
public final class AppSecret extends MaskedSecret {

    public AppSecret(String value) {
        super(value, "app secret");
    }
}
