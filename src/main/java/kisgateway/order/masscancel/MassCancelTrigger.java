package kisgateway.order.masscancel;

/** Why a mass cancel ran; the names match {@code mass_cancels.trigger}. */
public enum MassCancelTrigger {
    /** A kill switch in force (HALTED or REDUCING) found resting orders to cancel. */
    KILL_SWITCH,
    /** An operator asked for it (REST or JMX). */
    OPERATOR,
    /** A strategy's daily cutoff came, and it declares that its resting entries are cancelled then. */
    CUTOFF
}
