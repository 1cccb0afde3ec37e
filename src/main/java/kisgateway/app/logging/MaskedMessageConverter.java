package kisgateway.app.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback {@code %msg} with every known secret masked (conversion word {@code maskedMsg}). */
public final class MaskedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMask.mask(super.convert(event));
    }
}
