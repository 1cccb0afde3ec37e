package kisgateway.ops.appkeys;

/** The app keys' table could not be read or written. */
public final class AppKeyStoreException extends RuntimeException {

    public AppKeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
