package kisgateway.fill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the execution-notice stream of each account can be trusted, from what it said and what KIS says.
 *
 * <p>A resting limit order away from the market produces no notice for hours, so silence alone proves nothing.
 * A stream is <b>stale</b> when orders are working and no notice came for longer than the current wait: a
 * backfill then asks KIS (inquire-daily-ccld) whether fills are missing. A check that finds nothing confirms the
 * stream: it stays healthy, the silence clock restarts and the wait doubles up to a cap (30 s, 60 s, ... as
 * shipped), so a quiet order costs fewer and fewer queries; a notice brings the wait back to the start. The stale
 * checks of the accounts of one app key run at most once per minimum interval, whatever the wait.
 *
 * <p>The stream is <b>unhealthy</b> only on evidence: a <b>gap</b> (a backfill, of whatever cause, recorded
 * fills KIS had that the stream did not deliver) or no frame at all, PINGPONG included, past the session's own
 * threshold. Either lasts until the next clean check, which comes after the starting wait even with no order
 * working. A refused reconnect is the session's to tell ({@code KisRealtimeSession#refusedReconnect}).
 * Accounts whose stream this instance does not hold (a standby) are not watched.
 */
public final class NoticeStreamWatch {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeStreamWatch.class);

    /**
     * @param threshold   the starting wait: silent this long with orders working is stale
     * @param cap         the longest wait the back-off reaches; one below the threshold is the threshold (a harness
     *                    that sets a long threshold to keep checks out of its way gets no back-off, not an error)
     * @param minInterval the shortest spacing of two stale checks of one app key
     */
    public record Settings(Duration threshold, Duration cap, Duration minInterval) {
        public Settings {
            if (threshold.isNegative() || threshold.isZero() || minInterval.isNegative()) {
                throw new IllegalArgumentException("need a positive threshold and minInterval >= 0: " + threshold
                        + ", " + minInterval);
            }
            cap = cap.compareTo(threshold) < 0 ? threshold : cap;
        }
    }

    /** What a backfill of the account found. */
    public enum Outcome { CLEAN, GAP }

    /** The condition of one account's stream. */
    public enum Condition {
        /** Nothing known to be wrong: notices come, or the last check found nothing missing. */
        LISTENING,
        /** Quiet past the wait while orders work: a check is asked for or running. Still healthy. */
        STALE,
        /** A backfill found fills the stream did not deliver: unhealthy until the next clean check. */
        GAP,
        /** No frame at all, PINGPONG included, past the session's threshold: unhealthy until the next clean check. */
        NO_FRAME;

        public boolean unhealthy() {
            return this == GAP || this == NO_FRAME;
        }
    }

    /** The condition of an account's stream and what it rests on. */
    public record Status(Condition condition, String detail, Duration silence, Duration nextCheckAfter) {
    }

    /**
     * What a backfill of the account found, as the watch saw it when the answer came.
     *
     * @param quietSince when the stream went quiet with orders working, if it did and this finding is what that
     *                   quiet hid (fills recovered); null otherwise
     */
    public record Finding(String account, int recovered, Instant quietSince) {
    }

    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastStaleCheck = new ConcurrentHashMap<>();
    private final List<Consumer<Finding>> findingListeners = new CopyOnWriteArrayList<>();
    private final Set<String> accounts;
    private final Settings settings;
    private final Predicate<String> hasWorkingOrders;
    private final Predicate<String> streamHeld;
    private final Function<String, String> appKeyOf;
    private final BackfillQueue backfills;
    private final Clock clock;

    /**
     * @param hasWorkingOrders whether the account has orders working at KIS (asked only once the wait is over)
     * @param streamHeld       whether this instance holds the account's stream (the leader does)
     * @param appKeyOf         the app key of an account, whose query slots its stale checks share
     */
    public NoticeStreamWatch(Set<String> accounts, Settings settings, Predicate<String> hasWorkingOrders,
                             Predicate<String> streamHeld, Function<String, String> appKeyOf, BackfillQueue backfills,
                             Clock clock) {
        this.accounts = Set.copyOf(accounts);
        this.settings = settings;
        this.hasWorkingOrders = hasWorkingOrders;
        this.streamHeld = streamHeld;
        this.appKeyOf = appKeyOf;
        this.backfills = backfills;
        this.clock = clock;
    }

    /** A notice of the account arrived: the silence clock and the wait start over (a gap stays until checked). */
    public void noticed(String account) {
        of(account).heard(clock.instant(), settings.threshold());
    }

    /** The stream of the account (re)connected: it starts from now (the connect's own backfill checks it). */
    public void connected(String account) {
        noticed(account);
    }

    /** The session saw no frame at all, PINGPONG included, past its threshold. */
    public void noFrame(String account, String detail) {
        of(account).noFrame(clock.instant(), detail);
        LOG.warn("execution-notice stream unhealthy account={} condition=NO_FRAME detail=\"{}\"", account, detail);
    }

    /** A backfill of the account ran, for whatever reason: {@code recovered} fills the stream had not delivered. */
    public void checked(BackfillQueue.Checked result) {
        if (!accounts.contains(result.account())) {
            return;
        }
        Watched w = of(result.account());
        Condition before = w.status(clock.instant()).condition();
        Instant quietSince = w.checked(clock.instant(), result.recovered(), result.readAt(), settings);
        Status after = w.status(clock.instant());
        if (after.condition() == Condition.GAP) {
            LOG.warn("execution-notice stream unhealthy account={} condition=GAP recovered={} backfillReason=\"{}\"",
                    result.account(), result.recovered(), result.reason());
        } else if (before != Condition.LISTENING) {
            LOG.info("execution-notice stream confirmed account={} was={} nextCheckAfterSeconds={}", result.account(),
                    before, after.nextCheckAfter().toSeconds());
        }
        Finding finding = new Finding(result.account(), result.recovered(), quietSince);
        findingListeners.forEach(l -> l.accept(finding));
    }

    /**
     * Asks for the checks that are due: stale accounts, and unhealthy ones whose wait is over, one at a time per
     * account and at most one per minimum interval per app key.
     *
     * @return the accounts a check was asked for now
     */
    public List<String> check() {
        Instant now = clock.instant();
        List<String> found = new ArrayList<>();
        for (String account : accounts) {
            Watched w = of(account);
            if (!streamHeld.test(account)) {
                w.standby(now);
                continue;
            }
            String why = w.due(now, hasWorkingOrders, account);
            if (why == null) {
                continue;
            }
            String appKey = appKeyOf.apply(account);
            Instant previous = lastStaleCheck.get(appKey);
            if (previous != null && Duration.between(previous, now).compareTo(settings.minInterval()) < 0) {
                continue;
            }
            lastStaleCheck.put(appKey, now);
            w.asked(now);
            backfills.request(account, why);
            LOG.info("execution-notice stream check asked account={} reason=\"{}\"", account, why);
            found.add(account);
        }
        return found;
    }

    public Status status(String account) {
        return of(account).status(clock.instant());
    }

    public boolean isStale(String account) {
        return status(account).condition() == Condition.STALE;
    }

    /**
     * Hears what every backfill found, after the watch took it in, with the quiet period the fills it recovered
     * had hidden: decided under the account's lock, so no ask and answer racing on other threads can part them.
     */
    public void whenChecked(Consumer<Finding> listener) {
        findingListeners.add(listener);
    }

    public boolean isUnhealthy(String account) {
        return status(account).condition().unhealthy();
    }

    /** Seconds on the silence clock: since the account's last notice, connect or clean check. */
    public double silenceSeconds(String account) {
        Watched w = watched.get(account);
        return w == null ? 0 : w.status(clock.instant()).silence().toMillis() / 1000.0;
    }

    /** Seconds a quiet stream with orders working waits now before its next check. */
    public double waitSeconds(String account) {
        return of(account).status(clock.instant()).nextCheckAfter().toMillis() / 1000.0;
    }

    /** Backfills of the account that found nothing missing, or a gap, since start. */
    public long checks(String account, Outcome outcome) {
        return of(account).checks(outcome);
    }

    /** Fills backfills of the account recorded that the stream had not delivered, since start. */
    public long gapFills(String account) {
        return of(account).gapFills();
    }

    private Watched of(String account) {
        return watched.computeIfAbsent(account, a -> new Watched(clock.instant(), settings.threshold()));
    }

    /** One account's clock and condition; every transition under its lock (a few a second at most). */
    private static final class Watched {
        private Instant since;
        private Duration wait;
        private boolean stale;
        /**
         * Since when quiet with orders working; once a check of it is asked, kept until an answer that read KIS after
         * it, whatever came between (a notice, the last order done).
         */
        private Instant quietSince;
        private boolean asked;
        private Instant askedAt;
        private String gap;
        private String noFrame;
        private long clean;
        private long gaps;
        private long gapFills;

        Watched(Instant now, Duration wait) {
            this.since = now;
            this.wait = wait;
        }

        synchronized void heard(Instant now, Duration threshold) {
            since = now;
            wait = threshold;
            stale = false;
            if (!asked) {
                // no check is out to say what the quiet hid, and the stream has spoken: there is none to answer for
                quietSince = null;
            }
        }

        synchronized void noFrame(Instant now, String detail) {
            noFrame = "socket silent, not even PINGPONG (" + detail + " at " + now + ")";
        }

        synchronized void standby(Instant now) {
            since = now;
            stale = false;
            asked = false;
            quietSince = null;
        }

        /** @return why a check is due now, or null */
        synchronized String due(Instant now, Predicate<String> hasWorkingOrders, String account) {
            Duration silent = Duration.between(since, now);
            if (silent.compareTo(wait) <= 0) {
                return null;
            }
            if (gap != null || noFrame != null) {
                return asked ? null : "re-check after " + (gap != null ? "a gap" : "a silent socket") + ", "
                        + silent.toSeconds() + " s on";
            }
            if (!hasWorkingOrders.test(account)) {
                stale = false;
                if (!asked) {
                    quietSince = null;
                }
                return null;
            }
            if (quietSince == null) {
                quietSince = now;
            }
            stale = true;
            return asked ? null : "stale stream: no execution notice for " + silent.toSeconds()
                    + " s while orders are working";
        }

        synchronized void asked(Instant now) {
            asked = true;
            askedAt = now;
        }

        /**
         * @param readAt when the backfill began reading KIS
         * @return the quiet period the recovered fills had hidden, or null (none, or a clean answer)
         */
        synchronized Instant checked(Instant now, int recovered, Instant readAt, Settings settings) {
            // an answer that began reading before the watch asked is not the answer to its ask (that one is queued)
            boolean answersAsk = asked && !readAt.isBefore(askedAt);
            Instant hidden = null;
            if (recovered > 0) {
                hidden = quietSince;
                quietSince = null;
            } else if (quietSince != null && !readAt.isBefore(quietSince)) {
                // a clean answer read before the quiet began says nothing of it: the check asked for it will
                quietSince = null;
            }
            if (recovered > 0) {
                gaps++;
                gapFills += recovered;
                gap = recovered + (recovered == 1 ? " fill" : " fills")
                        + " KIS had that the stream did not deliver, recovered by the backfill at " + now;
                wait = settings.threshold();
            } else {
                clean++;
                gap = null;
                noFrame = null;
                if (answersAsk) {
                    Duration doubled = wait.multipliedBy(2);
                    wait = doubled.compareTo(settings.cap()) > 0 ? settings.cap() : doubled;
                }
            }
            since = now;
            stale = false;
            asked = asked && !answersAsk;
            return hidden;
        }

        synchronized Status status(Instant now) {
            Duration silence = Duration.between(since, now);
            if (gap != null) {
                return new Status(Condition.GAP, "gap: " + gap, silence, wait);
            }
            if (noFrame != null) {
                return new Status(Condition.NO_FRAME, noFrame, silence, wait);
            }
            if (stale) {
                return new Status(Condition.STALE, "stale: no notice for " + silence.toSeconds()
                        + " s while orders are working, checking with KIS", silence, wait);
            }
            return new Status(Condition.LISTENING, "", silence, wait);
        }

        synchronized long checks(Outcome outcome) {
            return outcome == Outcome.CLEAN ? clean : gaps;
        }

        synchronized long gapFills() {
            return gapFills;
        }
    }
}
