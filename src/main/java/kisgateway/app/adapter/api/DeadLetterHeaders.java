package kisgateway.app.adapter.api;

import java.time.Instant;
import kisgateway.app.broker.DeadLetterProperties;
import kisgateway.app.logging.SecretMask;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a failed exchange for its dead-letter queue (the dead-letter channels' {@code onPrepareFailure}):
 * the reason, the failing route and the time go into headers an operator can read in Hawtio or with any JMS
 * client, and the decision is logged once. Reasons pass through {@link SecretMask}: an exception message is
 * never trusted to be free of secrets.
 */
public final class DeadLetterHeaders implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHeaders.class);
    private static final int MAX_REASON_LENGTH = 1_000;
    private static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";

    private final DatabaseStall databaseStall;

    public DeadLetterHeaders(DatabaseStall databaseStall) {
        this.databaseStall = databaseStall;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null && databaseStall.rollBack(failure, exchange.getMessage().getHeader(JMSX_DELIVERY_COUNT,
                Integer.class))) {
            // not a dead letter: the order flow's onException rolls it back to the broker (this runs before it)
            return;
        }
        String route = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        if (route == null) {
            route = exchange.getFromRouteId();
        }
        // a database that did not answer is said in words (what it means for the intent), not in the driver's
        String reason = failure == null ? "unknown failure"
                : databaseStall.reason(failure).orElseGet(() -> describe(failure));
        String type = failure == null ? "unknown" : failure.getClass().getName();
        exchange.getMessage().setHeader(DeadLetterProperties.REASON, reason);
        exchange.getMessage().setHeader(DeadLetterProperties.ROUTE, route);
        exchange.getMessage().setHeader(DeadLetterProperties.FAILED_AT, Instant.now().toString());
        exchange.getMessage().setHeader(DeadLetterProperties.ERROR_TYPE, type);
        LOG.warn("dead-lettered route={} exchangeId={} errorType={} reason={}", route, exchange.getExchangeId(), type, reason);
    }

    /** The message of the failure and of its causes, masked and bounded. */
    static String describe(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        Throwable t = failure;
        int depth = 0;
        while (t != null && depth < 4) {
            if (depth > 0) {
                sb.append(" <- ");
            }
            String message = t.getMessage();
            sb.append(message == null || message.isBlank() ? t.getClass().getSimpleName() : message);
            t = t.getCause() == t ? null : t.getCause();
            depth++;
        }
        String masked = SecretMask.mask(sb.toString());
        return masked.length() > MAX_REASON_LENGTH ? masked.substring(0, MAX_REASON_LENGTH) + "..." : masked;
    }
}
