package kisgateway.order.parent;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The parents' share of an app key's send budget: at most {@code perSecond} children of all parents on one app key in
 * any one-second window, so that plain orders keep the rest of the key's rate (the key's own budget still paces
 * every send; this only keeps children from taking all of it).
 */
public final class ChildSendAllowance {

    private final int perSecond;
    private final Function<String, String> appKeyOfAccount;
    private final Clock clock;
    private final Map<String, Deque<Long>> sent = new HashMap<>();

    /**
     * @param perSecond       children per second per app key (at least 1)
     * @param appKeyOfAccount the app key an account's orders are sent with (its id, never the key itself)
     */
    public ChildSendAllowance(int perSecond, Function<String, String> appKeyOfAccount, Clock clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("children per second must be at least 1, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.appKeyOfAccount = appKeyOfAccount;
        this.clock = clock;
    }

    /** The share of {@code permitsPerSecond} (0 &lt; share &lt;= 1), at least one child a second. */
    public static int share(int permitsPerSecond, java.math.BigDecimal share) {
        if (share.signum() <= 0 || share.compareTo(java.math.BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the parents' budget share must be above 0 and at most 1, not " + share);
        }
        return Math.max(1, share.multiply(java.math.BigDecimal.valueOf(permitsPerSecond)).intValue());
    }

    /** Takes a slot for a child of the account, if its app key's share has one left in this second. */
    public synchronized boolean tryTake(String account) {
        long now = clock.millis();
        Deque<Long> window = sent.computeIfAbsent(appKeyOfAccount.apply(account), k -> new ArrayDeque<>());
        while (!window.isEmpty() && window.peekFirst() <= now - 1000) {
            window.pollFirst();
        }
        if (window.size() >= perSecond) {
            return false;
        }
        window.addLast(now);
        return true;
    }

    public int perSecond() {
        return perSecond;
    }
}
