package kisgateway.kis.http;

import java.net.http.HttpHeaders;

/** Status, headers and body of one KIS answer. The body may hold a token: toString omits it. */
public record KisHttpResponse(int status, HttpHeaders headers, String body) {

    /** A response header, "" when absent (KIS omits {@code tr_cont} on single-page answers). */
    public String header(String name) {
        return headers.firstValue(name).orElse("");
    }

    @Override
    public String toString() {
        return "HTTP " + status + " (" + (body == null ? 0 : body.length()) + " chars)";
    }
}
