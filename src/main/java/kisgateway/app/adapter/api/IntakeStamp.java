package kisgateway.app.adapter.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stamps the moment an intake received an intent ({@link System#nanoTime()}, exchange property
 * {@value #PROPERTY}), so the order sender can measure the gateway's own latency up to the request leaving.
 */
public final class IntakeStamp implements Processor {

    public static final String PROPERTY = "orderIntakeNanos";

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PROPERTY, System.nanoTime());
    }
}
