package kisgateway.kis.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request as it goes on the wire. Headers and body carry credentials, so {@link #toString()} shows only
 * the method, the path and the description.
 *
 * @param description what to call it in messages and logs, e.g. "TTTC0012U order-cash" (never a secret)
 * @param body        JSON text for POST, null for GET
 */
public record KisHttpRequest(String method, URI uri, Map<String, String> headers, String body, String description) {

    public KisHttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return method + " " + uri.getPath() + " (" + description + ")";
    }
}
