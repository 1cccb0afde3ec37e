package kisgateway.ops.appkeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The app-key liveness job: at start-up and then every check interval, never while the market is in session,
 * each key is judged; an expiry within its threshold and an idle period past its threshold each raise one alert
 * per crossing (claimed in the database, so not again on the next run, after a restart or on another instance).
 * With keep-alive on, an idle key is first used for one harmless inquiry, and only a key that stays idle alerts.
 */
public final class AppKeyLiveness {

    /** A key the gateway holds. @param expiresOn null when not configured (sim mode only) */
    public record Key(String keyId, String label, List<String> accounts, LocalDate expiresOn) {
        public Key {
            accounts = List.copyOf(accounts);
        }
    }

    public enum AlertReason { EXPIRY, IDLE }

    /** Where an alert goes (a WARN line and a metric; /q/health reads the statuses). */
    @FunctionalInterface
    public interface Alerts {
        void raise(AppKeyStatus status, AlertReason reason);
    }

    /** One harmless inquiry with the key; the call's own answer records its use. @return whether KIS answered */
    @FunctionalInterface
    public interface KeepAlive {
        boolean touch(Key key);
    }

    private final List<Key> keys;
    private final JdbcAppKeyLedger ledger;
    private final AppKeyActivity activity;
    private final AppKeyThresholds thresholds;
    private final Duration checkInterval;
    private final Predicate<Instant> inSession;
    private final Optional<KeepAlive> keepAlive;
    private final Alerts alerts;
    private final Clock clock;
    private volatile Instant lastCheck;

    public AppKeyLiveness(List<Key> keys, JdbcAppKeyLedger ledger, AppKeyActivity activity, AppKeyThresholds thresholds,
                          Duration checkInterval, Predicate<Instant> inSession, Optional<KeepAlive> keepAlive,
                          Alerts alerts, Clock clock) {
        this.keys = List.copyOf(keys);
        this.ledger = ledger;
        this.activity = activity;
        this.thresholds = thresholds;
        this.checkInterval = checkInterval;
        this.inSession = inSession;
        this.keepAlive = keepAlive;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The keys into the table (a new key is idle from now). */
    public void track() {
        Instant now = clock.instant();
        keys.forEach(k -> ledger.track(k.keyId(), k.label(), now));
    }

    /** The memory's answers into the table; the route calls it once per flush period. */
    public int flush() {
        return ledger.flush(activity);
    }

    /** The first call after start-up and then once per check interval, outside the market's session. */
    public boolean due() {
        Instant now = clock.instant();
        if (inSession.test(now)) {
            return false;
        }
        Instant last = lastCheck;
        return last == null || !now.isBefore(last.plus(checkInterval)) || now.isBefore(last);
    }

    /** @return the keys judged, or empty when the check was not due */
    public Optional<List<AppKeyStatus>> checkIfDue() {
        return due() ? Optional.of(check()) : Optional.empty();
    }

    /** Judges every key now and raises the alerts not raised for this crossing yet. */
    public List<AppKeyStatus> check() {
        flush();
        List<AppKeyStatus> out = new ArrayList<>();
        for (Key key : keys) {
            AppKeyStatus status = status(key);
            if (status.idleWarning() && keepAlive.isPresent() && keepAlive.get().touch(key)) {
                flush();
                status = status(key);
            }
            if (status.expiryWarning() && ledger.claimExpiryAlert(key.keyId(), key.expiresOn())) {
                alerts.raise(status, AlertReason.EXPIRY);
            }
            if (status.idleWarning() && ledger.claimIdleAlert(key.keyId(), status.idleSince())) {
                alerts.raise(status, AlertReason.IDLE);
            }
            ledger.checked(key.keyId(), status.at());
            out.add(status);
        }
        lastCheck = clock.instant();
        return out;
    }

    /** Every key as it stands now: the table's last success or this instance's newer one. */
    public List<AppKeyStatus> statuses() {
        return keys.stream().map(this::status).toList();
    }

    private AppKeyStatus status(Key key) {
        Instant now = clock.instant();
        AppKeyState state = ledger.read(key.keyId()).orElse(new AppKeyState(key.keyId(), now, null, null, null, null));
        Instant lastSuccess = state.lastSuccess();
        Optional<Instant> here = activity.lastAnswer(key.keyId());
        if (here.isPresent() && (lastSuccess == null || here.get().isAfter(lastSuccess))) {
            lastSuccess = here.get();
        }
        Instant idleSince = lastSuccess == null ? state.trackedSince() : lastSuccess;
        return new AppKeyStatus(key.keyId(), key.label(), key.accounts(), key.expiresOn(), idleSince, lastSuccess, now,
                thresholds);
    }

    /** This instance's last check, if it made one. */
    public Optional<Instant> lastCheck() {
        return Optional.ofNullable(lastCheck);
    }

    public List<Key> keys() {
        return keys;
    }
}
