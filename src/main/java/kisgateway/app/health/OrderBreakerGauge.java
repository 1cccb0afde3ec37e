package kisgateway.app.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;

/**
 * {@code kis_order_breaker_open}: 1 while the order circuit breaker (routes/orders.camel.yaml, kisOrderBreaker)
 * refuses orders (open, forced open), 0 while it lets them through (closed, half open), NaN while the route is
 * not there (a route file being reloaded). Looked up at every scrape: a reload replaces the processor.
 */
public final class OrderBreakerGauge {

    static final String BREAKER_ID = "kisOrderBreaker";

    private OrderBreakerGauge() {
    }

    public static void register(CamelContext context, MeterRegistry meters) {
        Gauge.builder("kis.order.breaker.open", context, OrderBreakerGauge::open)
                .description("1 while the order circuit breaker refuses orders").register(meters);
    }

    static double open(CamelContext context) {
        if (!(context.getProcessor(BREAKER_ID) instanceof ResilienceProcessor breaker)
                || breaker.getCircuitBreaker() == null) {
            return Double.NaN;
        }
        CircuitBreaker.State state = breaker.getCircuitBreaker().getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN ? 1 : 0;
    }
}
