package kisgateway.order.masscancel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.killswitch.TradingStateEntry;

/**
 * One mass cancel: which scope, what to cancel there (HALTED: every resting order; REDUCING: those that add
 * exposure), who asked and why. Its id makes it idempotent: asked again under the same id it cancels nothing twice.
 *
 * @param requestId a switch's run is named after the move; an operator's is the id sent or a generated one
 */
public record MassCancelRequest(String requestId, KillSwitchScope scope, TradingState mode, MassCancelTrigger trigger,
                                String actor, String reason, Instant requestedAt) {

    /** What an operator may send as a request id: short, printable, safe in logs and URLs. */
    private static final Pattern OPERATOR_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public MassCancelRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (mode != TradingState.HALTED && mode != TradingState.REDUCING) {
            throw new IllegalArgumentException("a mass cancel cancels under HALTED or REDUCING, not " + mode);
        }
    }

    /**
     * The run a kill switch's move calls for, named after the move: every instance that learns of it (its own
     * move, a notice, a sweep, a new leader) names it alike, so the move's orders are canceled by one run.
     */
    public static MassCancelRequest forSwitch(TradingStateEntry move) {
        String id = "switch:" + move.scope().kind() + ":" + move.scope().key() + ":" + move.state() + ":"
                + move.changedAt().truncatedTo(ChronoUnit.MICROS);
        return new MassCancelRequest(id, move.scope(), move.state(), MassCancelTrigger.KILL_SWITCH, move.changedBy(),
                move.reason(), move.changedAt());
    }

    /**
     * The run a strategy's cutoff calls for: its resting orders that add exposure (REDUCING), on every account,
     * named after the strategy and the day, so every sweep of the day (and a new leader) resumes the one run.
     */
    public static MassCancelRequest forCutoff(String strategyId, java.time.LocalDate day, java.time.LocalTime cutoff,
                                              Instant cutoffAt) {
        return new MassCancelRequest("cutoff:" + strategyId + ":" + day, KillSwitchScope.strategy(strategyId),
                TradingState.REDUCING, MassCancelTrigger.CUTOFF, "gateway", "the strategy's daily cutoff " + cutoff
                + " (KST): its resting entries are cancelled", cutoffAt);
    }

    /**
     * An operator's mass cancel of every resting order in the scope.
     *
     * @param requestId the operator's id for it (null or blank: {@code generated} is taken)
     * @throws IllegalArgumentException for an id that is not 1 to 64 of letters, digits and {@code . _ : -}
     */
    public static MassCancelRequest byOperator(String requestId, String generated, KillSwitchScope scope, String actor,
                                               String reason, Instant now) {
        String id = requestId == null || requestId.isBlank() ? generated : requestId;
        if (!OPERATOR_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("requestId must be 1 to 64 letters, digits or . _ : - (it names the mass"
                    + " cancel for a repeat of the request)");
        }
        if (id.startsWith("switch:")) {
            throw new IllegalArgumentException("requestId must not start with 'switch:', the kill switches' own runs");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a mass cancel needs a reason, for the audit log");
        }
        return new MassCancelRequest(id, scope, TradingState.HALTED, MassCancelTrigger.OPERATOR, actor, reason, now);
    }

    /** Whether an order of this account and strategy is in the request's scope. */
    public boolean covers(String account, String strategyId) {
        return switch (scope.kind()) {
            case GLOBAL -> true;
            case ACCOUNT -> scope.key().equals(account);
            case STRATEGY -> scope.key().equals(strategyId);
        };
    }
}
