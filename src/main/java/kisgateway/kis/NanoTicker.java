package kisgateway.kis;

/**
 * A monotonic nanosecond source ({@link System#nanoTime()} in production), injected wherever elapsed time
 * decides something (rate windows, time-to-live, staleness) so that tests move time instead of sleeping.
 * Compare readings by subtraction only, never with {@code <} on the raw values.
 */
@FunctionalInterface
public interface NanoTicker {

    NanoTicker SYSTEM = System::nanoTime;

    long nanoTime();
}
