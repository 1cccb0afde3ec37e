package kisgateway.app.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback {@code %ex} with every known secret masked, messages of causes included (word {@code maskedEx}). */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMask.mask(super.convert(event));
    }
}
