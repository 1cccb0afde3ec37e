package kisgateway.fill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Notices when a connected stream says nothing while it should: an account has orders working at KIS and no
 * execution notice came for longer than the threshold (PINGPONG alone proves the socket, not the feed). Such a
 * stream is reported stale (health, metric) and a backfill is asked for, once per threshold, so a silent feed
 * never hides fills for long.
 */
public final class NoticeStreamWatch {

    private final Map<String, Instant> lastNotice = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastBackfill = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stale = new ConcurrentHashMap<>();
    private final java.util.Set<String> accounts;
    private final Duration threshold;
    private final Predicate<String> hasWorkingOrders;
    private final BackfillQueue backfills;
    private final Clock clock;

    public NoticeStreamWatch(java.util.Set<String> accounts, Duration threshold, Predicate<String> hasWorkingOrders,
                             BackfillQueue backfills, Clock clock) {
        this.accounts = java.util.Set.copyOf(accounts);
        this.threshold = threshold;
        this.hasWorkingOrders = hasWorkingOrders;
        this.backfills = backfills;
        this.clock = clock;
    }

    /** A notice of the account arrived. */
    public void noticed(String account) {
        lastNotice.put(account, clock.instant());
        stale.put(account, false);
    }

    /** The stream of the account (re)connected: it starts from now. */
    public void connected(String account) {
        noticed(account);
    }

    /** @return the accounts found stale now (a backfill was requested for each, at most once per threshold) */
    public java.util.List<String> check() {
        Instant now = clock.instant();
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String account : accounts) {
            Instant last = lastNotice.computeIfAbsent(account, a -> now);
            boolean silent = Duration.between(last, now).compareTo(threshold) > 0 && hasWorkingOrders.test(account);
            stale.put(account, silent);
            if (!silent) {
                continue;
            }
            found.add(account);
            Instant previous = lastBackfill.get(account);
            if (previous == null || Duration.between(previous, now).compareTo(threshold) > 0) {
                lastBackfill.put(account, now);
                backfills.request(account, "no execution notice for " + Duration.between(last, now).toSeconds()
                        + " s while orders are working");
            }
        }
        return found;
    }

    public boolean isStale(String account) {
        return stale.getOrDefault(account, false);
    }

    /** Seconds since the account's last notice (or connect), for the stream-age metric. */
    public double silenceSeconds(String account) {
        Instant last = lastNotice.get(account);
        return last == null ? 0 : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }
}
