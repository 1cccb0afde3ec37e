package kisgateway.app.console;

import java.util.Optional;

/**
 * Who the Hawtio console is serving on this thread: the operator logged in to it, for the duration of one Jolokia
 * request. Jolokia calls the MBeans on the request's own thread, so an operator MBean (the kill switches) can
 * audit the operator by name. Empty for any other JMX caller (in-process code, a local JMX client).
 */
public final class ConsoleOperator {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ConsoleOperator() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Names the operator until the returned scope is closed. */
    static Scope enter(String operator) {
        String before = CURRENT.get();
        CURRENT.set(operator);
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
