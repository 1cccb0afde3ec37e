package kisgateway.order.parent;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parent order's transition table {@code (state, event) -> next state}. A cancel is allowed in every live state
 * (the strategy's word wins over the schedule); a pause only while children may be sent, so a parent that stopped
 * sending is not held back from finishing.
 */
public final class ParentStateMachine {

    private static final Map<ParentState, Map<ParentEvent, ParentState>> TABLE = new EnumMap<>(ParentState.class);

    static {
        allow(null, ParentEvent.ACCEPT, ParentState.ACCEPTED);
        allow(ParentState.ACCEPTED, ParentEvent.START, ParentState.WORKING);
        allow(ParentState.ACCEPTED, ParentEvent.PAUSE, ParentState.PAUSED);
        allow(ParentState.ACCEPTED, ParentEvent.CANCEL, ParentState.CANCELLING);
        allow(ParentState.ACCEPTED, ParentEvent.FAIL, ParentState.FAILED);
        allow(ParentState.ACCEPTED, ParentEvent.STOP_SENDING, ParentState.COMPLETING);
        allow(ParentState.WORKING, ParentEvent.PAUSE, ParentState.PAUSED);
        allow(ParentState.WORKING, ParentEvent.STOP_SENDING, ParentState.COMPLETING);
        allow(ParentState.WORKING, ParentEvent.CANCEL, ParentState.CANCELLING);
        allow(ParentState.WORKING, ParentEvent.FAIL, ParentState.FAILED);
        allow(ParentState.PAUSED, ParentEvent.RESUME, ParentState.WORKING);
        allow(ParentState.PAUSED, ParentEvent.STOP_SENDING, ParentState.COMPLETING);
        allow(ParentState.PAUSED, ParentEvent.CANCEL, ParentState.CANCELLING);
        allow(ParentState.PAUSED, ParentEvent.FAIL, ParentState.FAILED);
        allow(ParentState.COMPLETING, ParentEvent.FINISH, ParentState.DONE);
        allow(ParentState.COMPLETING, ParentEvent.CANCEL, ParentState.CANCELLING);
        allow(ParentState.CANCELLING, ParentEvent.FINISH, ParentState.CANCELLED);
    }

    private ParentStateMachine() {
    }

    private static void allow(ParentState from, ParentEvent event, ParentState to) {
        if (from == null) {
            return;
        }
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(ParentEvent.class)).put(event, to);
    }

    /** The next state, if the event is allowed in {@code from}. */
    public static Optional<ParentState> next(ParentState from, ParentEvent event) {
        if (from == null) {
            return event == ParentEvent.ACCEPT ? Optional.of(ParentState.ACCEPTED) : Optional.empty();
        }
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(event));
    }

    /** The next state, or {@link IllegalParentTransition}. */
    public static ParentState require(ParentState from, ParentEvent event) {
        return next(from, event).orElseThrow(() -> new IllegalParentTransition(from, event));
    }
}
