package kisgateway.sim;

import java.time.Duration;

/**
 * Thresholds after which a client is treated as looping and refused for a while. KIS announced (2026-02-24,
 * seen only through a community summary) that connect-then-close loops and subscribe/unsubscribe loops get the
 * IP and app key blocked temporarily; the numbers are not published, so these are configurable guesses.
 *
 * @param maxConnects              WebSocket upgrades allowed from one remote IP within {@code connectWindow}
 * @param connectWindow            sliding window for {@code maxConnects}
 * @param maxUnsubscribes          releases (tr_type "2") allowed per remote IP and app key within {@code unsubscribeWindow}
 * @param unsubscribeWindow        sliding window for {@code maxUnsubscribes}
 * @param blockFor                 how long a looping client is refused
 */
public record LoopBlocking(int maxConnects, Duration connectWindow, int maxUnsubscribes, Duration unsubscribeWindow,
                           Duration blockFor) {

    public LoopBlocking {
        if (maxConnects < 1 || maxUnsubscribes < 1) {
            throw new IllegalArgumentException("loop-blocking thresholds must be at least 1");
        }
    }

    /** More than 10 connects a minute, or more than 30 releases a minute, blocks for a minute. */
    public static LoopBlocking defaults() {
        return new LoopBlocking(10, Duration.ofSeconds(60), 30, Duration.ofSeconds(60), Duration.ofSeconds(60));
    }
}
