package kisgateway.app.broker;

/**
 * The properties every dead letter carries, whichever flow or job put it on its DLQ (the message contract of
 * docs/architecture.md#message-contracts). First named x-error-reason etc.; JMS property names must be Java
 * identifiers (Artemis's JMS client refuses '-' with AMQ139012), so on the wire they are spelled with underscores.
 */
public final class DeadLetterProperties {

    /** Why it failed, masked of secrets. */
    public static final String REASON = "x_error_reason";
    /** The route (or job) it failed in. */
    public static final String ROUTE = "x_error_route";
    /** When it failed (ISO-8601). */
    public static final String FAILED_AT = "x_failed_at";
    /** The class of the failure. */
    public static final String ERROR_TYPE = "x_error_type";

    private DeadLetterProperties() {
    }
}
