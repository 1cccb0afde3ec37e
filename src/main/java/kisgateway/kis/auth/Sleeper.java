package kisgateway.kis.auth;

import java.util.concurrent.TimeUnit;

/** Waits between issuance attempts; tests substitute one that moves fake time instead. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = TimeUnit.NANOSECONDS::sleep;

    void sleepNanos(long nanos) throws InterruptedException;
}
