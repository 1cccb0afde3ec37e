package kisgateway.ops.drills;

import java.time.LocalDate;

/** Claims of the weekly drill's slots: whoever claims a slot runs its drill, nobody else, ever. */
public interface DrillSlots {

    /** True for the one caller that claimed the account's slot first. */
    boolean claim(String account, LocalDate slot, String drillId);
}
