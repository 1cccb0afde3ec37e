package kisgateway.ops.reliability;

/** The reliability tables or the order books could not be read or written (database down, a statement refused). */
public final class ReliabilityStoreException extends RuntimeException {

    public ReliabilityStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
