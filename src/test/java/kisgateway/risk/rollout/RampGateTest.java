package kisgateway.risk.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.risk.ComplianceAlert;
import kisgateway.risk.MutableClock;
import kisgateway.risk.RiskRule;
import kisgateway.risk.RiskTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RAMP schedule and gates over the real books (PostgreSQL): caps grow each clean week up to the ceiling, a gate
 * freezes the ramp on an open break and on a missed drill and it grows again once they clear; configured so, a
 * failed gate steps the account back to PILOT. The clock is the test's.
 */
class RampGateTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    private final DataSource db = RiskTestDatabase.dataSource();
    private final MutableClock clock = new MutableClock(T0);
    private final List<ComplianceAlert> alerts = new ArrayList<>();
    private final JdbcKillSwitchDrills drills = new JdbcKillSwitchDrills(db);
    private String acct;
    private RolloutBoard phases;
    private PilotCapBoard caps;

    @BeforeEach
    void aRampAccountOfItsOwn() {
        acct = "r-" + UUID.randomUUID().toString().substring(0, 8);
        RolloutEvidence evidence = new JdbcRolloutEvidence(db, drills, Duration.ofHours(24), clock);
        phases = RolloutBoard.load(new JdbcRolloutStore(db), Map.of(RolloutScope.account(acct), RolloutPhase.RAMP),
                Set.of(acct), (s, a) -> true, false, evidence, clock);
        caps = PilotCapBoard.load(new JdbcCapStore(db), ConfiguredCaps.from(Map.of(
                "rollout.pilot.max-order-notional", "1000000", "rollout.pilot.max-daily-gross-notional", "3000000",
                "rollout.pilot.max-daily-loss", "500000", "rollout.pilot.symbols", "",
                "rollout.pilot.max-open-orders", "3", "rollout.pilot.ramp-ceiling", "4"),
                Set.of(acct), Set.of(), (s, a) -> true, clock.instant()), phases, evidence, clock);
    }

    private RampGate gate(boolean demote) {
        return new RampGate(phases, caps, new JdbcRampInputs(db, drills), new JdbcRampStore(db),
                new RampSettings(new BigDecimal("2"), Duration.ofDays(7), Duration.ofHours(4), Duration.ofDays(8),
                        new BigDecimal("0.05"), Duration.ofHours(24), 20, demote), alerts::add, clock);
    }

    private RampState evaluate(RampGate gate) {
        return gate.evaluateAll().stream().filter(r -> r.account().equals(acct)).findFirst().orElseThrow();
    }

    @Test
    void capsGrowEachCleanPeriodUpToTheCeiling() {
        drills.record(acct, T0.minus(Duration.ofHours(1)), true, Map.of());
        RampGate gate = gate(false);
        assertThat(evaluate(gate).factor()).isEqualByComparingTo("1");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        drills.record(acct, clock.instant(), true, Map.of());
        assertThat(evaluate(gate).factor()).isEqualByComparingTo("2");
        assertThat(gate.factor(acct)).isEqualByComparingTo("2");
        clock.advance(Duration.ofDays(7));
        drills.record(acct, clock.instant(), true, Map.of());
        assertThat(evaluate(gate).factor()).isEqualByComparingTo("4");
        clock.advance(Duration.ofDays(7));
        drills.record(acct, clock.instant(), true, Map.of());
        assertThat(evaluate(gate).factor()).as("the ceiling").isEqualByComparingTo("4");
        assertThat(alerts).isEmpty();
    }

    @Test
    void aRampFreezesOnAMissedDrillAndGrowsAgainOnceOnePasses() {
        RampGate gate = gate(false);
        RampState frozen = evaluate(gate);
        assertThat(frozen.frozen()).isTrue();
        assertThat(frozen.frozenReason()).contains("no kill-switch drill passed");
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(RiskRule.RAMP_GATE_FAILED);
            assertThat(a.account()).isEqualTo(acct);
        });
        clock.advance(Duration.ofDays(8));
        assertThat(evaluate(gate).factor()).as("frozen: no growth").isEqualByComparingTo("1");
        assertThat(alerts).as("one alert per freeze, not per evaluation").hasSize(1);
        drills.record(acct, clock.instant(), false, Map.of("failed", "a cancel timed out"));
        assertThat(evaluate(gate).frozen()).as("a failed drill is no drill").isTrue();

        drills.record(acct, clock.instant(), true, Map.of());
        RampState resumed = evaluate(gate);
        assertThat(resumed.frozen()).isFalse();
        assertThat(resumed.cleanSince()).isEqualTo(clock.instant());
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        drills.record(acct, clock.instant(), true, Map.of());
        assertThat(evaluate(gate).factor()).as("a clean period from the thaw").isEqualByComparingTo("2");
        assertThat(auditActions()).contains("ROLLOUT_RAMP_FROZEN", "ROLLOUT_RAMP_RESUMED");
    }

    @Test
    void aRampFreezesOnABreakOpenTooLongAndThawsWhenItIsResolved() throws Exception {
        drills.record(acct, T0, true, Map.of());
        RampGate gate = gate(false);
        long breakId = RolloutBoardTest.openBreak(acct, T0);
        clock.advance(Duration.ofHours(3));
        assertThat(evaluate(gate).frozen()).as("3 h open: within the allowed age").isFalse();
        clock.advance(Duration.ofHours(2));
        RampState frozen = evaluate(gate);
        assertThat(frozen.frozen()).isTrue();
        assertThat(frozen.frozenReason()).contains("reconciliation break");
        assertThat(new RolloutRampState(gate).frozenAccounts()).contains(acct);

        RiskTestDatabase.execute("update recon_breaks set resolved_at = '" + clock.instant() + "' where break_id = "
                + breakId);
        clock.advance(Duration.ofMinutes(1));
        assertThat(evaluate(gate).frozen()).isFalse();
    }

    @Test
    void configuredSoAFailedGateStepsTheAccountBackToPilotAudited() throws Exception {
        RampGate gate = gate(true);
        assertThat(evaluate(gate).frozen()).isTrue();
        assertThat(phases.effectivePhase(acct, null)).isEqualTo(RolloutPhase.PILOT);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select actor, detail->>'to',"
                + " detail->>'reason' from audit_log where action = 'ROLLOUT_PHASE_CHANGED' and detail->>'account' = ?")) {
            ps.setString(1, acct);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(RampGate.ACTOR);
                assertThat(rs.getString(2)).isEqualTo("PILOT");
                assertThat(rs.getString(3)).contains("kill-switch drill");
            }
        }
        // back in RAMP later, the ramp starts again from the PILOT caps
        drills.record(acct, clock.instant(), true, Map.of());
        clock.advance(Duration.ofMinutes(5));
        phases.request(RolloutScope.account(acct), RolloutPhase.RAMP, "alice", "drill done");
        RampState again = evaluate(gate);
        assertThat(again.frozen()).isFalse();
        assertThat(again.factor()).isEqualByComparingTo("1");
        assertThat(again.enteredAt()).isEqualTo(clock.instant());
    }

    private List<String> auditActions() {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select action from audit_log where detail->>'account' = ? order by audit_id")) {
            ps.setString(1, acct);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** What the health check reads. */
    private record RolloutRampState(RampGate gate) {
        List<String> frozenAccounts() {
            return gate.ramps().values().stream().filter(RampState::frozen).map(RampState::account).toList();
        }
    }
}
