package kisgateway.app.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;

/**
 * In front of Hawtio's Jolokia: names the logged-in operator ({@link ConsoleOperator}) while the request runs.
 * Jetty's security handler has already refused any request without the operator login; one that reached here
 * without a principal would run with no operator, and the kill switches audit that as an anonymous JMX call.
 *
 * <p>It also reads off what Jolokia left of a request's body. Jolokia refuses a foreign origin before it reads the
 * body; Jetty then finds content unread after a response it has already committed (chunked) and closes the
 * connection without saying so in a {@code Connection: close} header, and a client that reuses the pooled connection
 * (the JDK's HttpClient does) loses its next request with no response at all.
 */
final class ConsoleOperatorFilter implements Filter {

    /** Jolokia requests are a few hundred bytes; beyond this the connection is not worth keeping. */
    static final int MAX_DRAINED_BYTES = 64 * 1024;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal principal = request instanceof HttpServletRequest http ? http.getUserPrincipal() : null;
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        try (ConsoleOperator.Scope scope = ConsoleOperator.enter(principal.getName())) {
            chain.doFilter(request, response);
        }
        drainUnreadBody(request);
    }

    private static void drainUnreadBody(ServletRequest request) {
        if (request.getContentLengthLong() == 0) {
            return;
        }
        try {
            InputStream body = request.getInputStream();
            byte[] buffer = new byte[4096];
            int drained = 0;
            int n;
            while (drained < MAX_DRAINED_BYTES && (n = body.read(buffer)) >= 0) {
                drained += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the servlet took the reader instead, or the client went away: Jetty decides about the connection
        }
    }
}
