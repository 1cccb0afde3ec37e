package kisgateway.kis;

import java.util.Objects;

/**
 * A credential, token or account identifier that must never reach a log line, an exception message or a
 * {@code toString()}. The value is only handed out by {@link #reveal()}, so every place that puts it on the
 * wire is greppable.
 */
public abstract class MaskedSecret {

    private final String value;

    protected MaskedSecret(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        this.value = value;
    }

    /** The clear value, for the wire or the encrypted store only. */
    public final String reveal() {
        return value;
    }

    /** At most four leading characters and never more than a quarter of the value, then {@code ****}. */
    public final String masked() {
        return mask(value);
    }

    public static String mask(String text) {
        if (text == null) {
            return "null";
        }
        int shown = Math.min(4, text.length() / 4);
        return text.substring(0, shown) + "****";
    }

    @Override
    public final String toString() {
        return masked();
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((MaskedSecret) other).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), value);
    }
}
