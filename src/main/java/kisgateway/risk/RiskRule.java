package kisgateway.risk;

/**
 * The stable ids of the gate's rules. A denial carries one of these as {@code reject_code} of the DENIED order and
 * in the order event; alerts carry it in {@code compliance_alerts.rule}. Renaming one breaks dashboards and
 * alert queries: add new ids, never rename.
 */
public enum RiskRule {
    // order shape: definitive, checked first, nothing else runs when one fails
    QUANTITY_NOT_POSITIVE,
    UNKNOWN_ORDER_TYPE,
    ORDER_TYPE_NOT_ON_EXCHANGE,
    ORDER_MALFORMED,
    // kill switches
    KILL_SWITCH_HALTED,
    KILL_SWITCH_REDUCING,
    // the instance cannot learn the switches' current positions (it lost the database's notices): fail closed
    KILL_SWITCH_STATE_UNKNOWN,
    // session calendar
    CALENDAR_NOT_COVERED,
    NOT_TRADING_DAY,
    SESSION_CLOSED,
    ORDER_TYPE_NOT_IN_SESSION,
    // compliance guards (Capital Markets Act art. 176): each also raises a ComplianceAlert
    CANCEL_REPLACE_BURST,
    ORDER_RATE,
    QUOTE_PATTERN,
    SELF_CROSS,
    // limits
    MAX_ORDER_QUANTITY,
    PRICE_OFF_TICK,
    PRICE_BAND,
    MAX_ORDER_VALUE,
    MAX_POSITION,
    MAX_GROSS_EXPOSURE,
    DAILY_LOSS_CAP,
    // the PILOT (and RAMP) rollout phase's caps (docs/rollout.md): each denial names its cap
    PILOT_CAP_ORDER_NOTIONAL,
    PILOT_CAP_DAILY_GROSS_NOTIONAL,
    PILOT_CAP_DAILY_LOSS,
    PILOT_CAP_SYMBOLS,
    PILOT_CAP_OPEN_ORDERS,
    // a RAMP account's gate failed (an old reconciliation break, a missed kill-switch drill, too many rejects): its
    // caps stop growing; raised as an alert for human review, never an order's denial
    RAMP_GATE_FAILED,
    // the strategy's own trading profile (gateway.strategy.<id>.sessions, .cutoff): an order in a session it did not
    // declare; an order adding risk from its daily cutoff on
    STRATEGY_SESSION_NOT_DECLARED,
    STRATEGY_CUTOFF_PASSED,
    // an input the rules need is unknown, or the port failed: fail closed
    RISK_INPUT_UNAVAILABLE,
    RISK_EVALUATION_FAILED;

    /** The id as written to rows and messages. */
    public String id() {
        return name();
    }
}
