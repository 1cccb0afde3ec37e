package kisgateway.app.ops;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;

/**
 * In front of Hawtio's Jolokia: names the logged-in operator ({@link ConsoleOperator}) while the request runs.
 * Jetty's security handler has already refused any request without the operator login; one that reached here
 * without a principal would run with no operator, and the kill switches audit that as an anonymous JMX call.
 */
final class ConsoleOperatorFilter implements Filter {

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
    }
}
