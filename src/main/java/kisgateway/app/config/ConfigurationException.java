package kisgateway.app.config;

/** A configuration the gateway cannot start with; the message says which key and why (never a secret value). */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
