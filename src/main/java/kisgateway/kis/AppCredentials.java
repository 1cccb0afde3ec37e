package kisgateway.kis;

import java.util.Objects;

/** App key and secret of one KIS app registration; toString shows only their masked forms. */
public record AppCredentials(AppKey appKey, AppSecret appSecret) {

    public AppCredentials {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
    }

    public static AppCredentials of(String appKey, String appSecret) {
        return new AppCredentials(new AppKey(appKey), new AppSecret(appSecret));
    }
}
