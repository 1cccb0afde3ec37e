package kisgateway.kis.rest;

import java.util.Map;
import java.util.Objects;

/**
 * A KIS REST request built and checked but not sent (a SHADOW order): what would have left, without the headers
 * that carry the app key, its secret and the token. The account number (CANO) in the body is {@link #MASKED}; the
 * account's alias names it.
 *
 * @param path the path under KIS's REST host, e.g. /uapi/domestic-stock/v1/trading/order-cash
 */
public record UnsentRequest(String method, String path, String trId, Map<String, String> body) {

    public static final String MASKED = "********";

    public UnsentRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(trId, "trId");
        body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    }
}
