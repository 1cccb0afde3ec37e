package kisgateway.kis.rest;

/**
 * Told, on the calling thread, the moment a request is handed to the HTTP transport (after its token and its send
 * slot). Called once per request that leaves: twice when a refused token made the client retry.
 */
@FunctionalInterface
public interface SendObserver {

    SendObserver NONE = (sendingAtNanos, waitedForSlotNanos) -> { };

    /**
     * @param sendingAtNanos     {@link System#nanoTime()} just before the request is written
     * @param waitedForSlotNanos how long it waited in the app key's rate budget for its send slot
     */
    void sending(long sendingAtNanos, long waitedForSlotNanos);
}
