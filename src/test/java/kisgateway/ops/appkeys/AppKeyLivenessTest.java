package kisgateway.ops.appkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import kisgateway.kis.AppKey;
import kisgateway.risk.MutableClock;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The job on the real database with a clock the test moves: each alert once per crossing (not every run, not again
 * after a restart or on a second instance), never while the market is in session; keep-alive uses an idle key first.
 */
class AppKeyLivenessTest {

    // Monday 2026-12-07 19:00 KST: after KRX's after-hours session
    private static final Instant EVENING = Instant.parse("2026-12-07T10:00:00Z");

    private final JdbcAppKeyLedger ledger = new JdbcAppKeyLedger(SharedInfrastructure.get().dataSource().dataSource());
    private final MutableClock clock = new MutableClock(EVENING);
    private final AppKey appKey = new AppKey("PS" + UUID.randomUUID().toString().replace("-", ""));
    private final List<String> alerts = new ArrayList<>();
    private final AtomicBoolean inSession = new AtomicBoolean();

    private AppKeyLiveness instance(LocalDate expiresOn, AppKeyActivity activity,
                                    Optional<AppKeyLiveness.KeepAlive> keepAlive) {
        AppKeyLiveness liveness = new AppKeyLiveness(List.of(new AppKeyLiveness.Key(appKey.id(), appKey.label(),
                List.of("acct1"), expiresOn)), ledger, activity, new AppKeyThresholds(30, 60), Duration.ofHours(24),
                at -> inSession.get(), keepAlive, (status, reason) -> alerts.add(reason + " " + status.label()), clock);
        liveness.track();
        return liveness;
    }

    @Test
    void theExpiryAlertFiresOnceWhenItsThresholdIsCrossed() {
        AppKeyActivity activity = new AppKeyActivity(clock);
        AppKeyLiveness liveness = instance(LocalDate.of(2027, 1, 10), activity, Optional.empty());
        activity.answered(appKey);

        assertThat(liveness.check()).singleElement().satisfies(s -> assertThat(s.expiryDaysLeft()).isEqualTo(34));
        assertThat(alerts).isEmpty();
        clock.advance(Duration.ofDays(4));
        activity.answered(appKey);
        assertThat(liveness.check()).singleElement().satisfies(s -> assertThat(s.expiryWarning()).isTrue());
        assertThat(alerts).containsExactly("EXPIRY " + appKey.label());

        clock.advance(Duration.ofDays(1));
        activity.answered(appKey);
        liveness.check();
        // a restarted instance, or the next leader: the database remembers the alert
        instance(LocalDate.of(2027, 1, 10), new AppKeyActivity(clock), Optional.empty()).check();
        assertThat(alerts).containsExactly("EXPIRY " + appKey.label());

        // a renewed key (a new expiry date) crosses its own threshold in a year
        AppKeyLiveness renewed = instance(LocalDate.of(2028, 1, 10), activity, Optional.empty());
        renewed.check();
        assertThat(alerts).hasSize(1);
    }

    @Test
    void theIdleAlertFiresOncePerIdlePeriodAndNeverInSession() {
        AppKeyActivity activity = new AppKeyActivity(clock);
        AppKeyLiveness liveness = instance(null, activity, Optional.empty());
        activity.answered(appKey);
        liveness.check();

        clock.advance(Duration.ofDays(60));
        inSession.set(true);
        assertThat(liveness.checkIfDue()).isEmpty();
        assertThat(alerts).isEmpty();
        inSession.set(false);
        assertThat(liveness.checkIfDue()).isPresent();
        assertThat(alerts).containsExactly("IDLE " + appKey.label());
        // due again only after the interval, and then not alerting again for the same idle period
        assertThat(liveness.checkIfDue()).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(liveness.checkIfDue()).isPresent();
        assertThat(alerts).hasSize(1);

        // used again (the answer written by the flush, as another instance would find it), then idle again
        activity.answered(appKey);
        assertThat(liveness.flush()).isEqualTo(1);
        assertThat(liveness.flush()).isZero(); // nothing new: no write
        clock.advance(Duration.ofDays(61));
        liveness.check();
        assertThat(alerts).containsExactly("IDLE " + appKey.label(), "IDLE " + appKey.label());
    }

    @Test
    void keepAliveUsesAnIdleKeyInsteadOfAlerting() {
        AppKeyActivity activity = new AppKeyActivity(clock);
        List<String> touched = new ArrayList<>();
        // the inquiry's answer is what records the use, as the KIS client does
        AppKeyLiveness liveness = instance(null, activity, Optional.of(key -> {
            touched.add(key.label());
            activity.answered(appKey);
            return true;
        }));
        clock.advance(Duration.ofDays(61));

        AppKeyStatus status = liveness.check().get(0);

        assertThat(touched).containsExactly(appKey.label());
        assertThat(status.idle()).isZero();
        assertThat(alerts).isEmpty();
        assertThat(ledger.read(appKey.id()).orElseThrow().lastSuccess()).isEqualTo(clock.instant());
    }
}
