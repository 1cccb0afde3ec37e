package kisgateway.order.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ParentStateMachineTest {

    @ParameterizedTest
    @CsvSource({
            "ACCEPTED, START, WORKING",
            "ACCEPTED, PAUSE, PAUSED",
            "WORKING, PAUSE, PAUSED",
            "PAUSED, RESUME, WORKING",
            "WORKING, STOP_SENDING, COMPLETING",
            "PAUSED, STOP_SENDING, COMPLETING",
            "COMPLETING, FINISH, DONE",
            "WORKING, CANCEL, CANCELLING",
            "PAUSED, CANCEL, CANCELLING",
            "COMPLETING, CANCEL, CANCELLING",
            "CANCELLING, FINISH, CANCELLED",
            "WORKING, FAIL, FAILED"})
    void theTableMovesAParent(ParentState from, ParentEvent event, ParentState to) {
        assertThat(ParentStateMachine.next(from, event)).contains(to);
    }

    @ParameterizedTest
    @CsvSource({
            "WORKING, START",
            "WORKING, FINISH",
            "PAUSED, FINISH",
            "COMPLETING, PAUSE",
            "COMPLETING, RESUME",
            "CANCELLING, RESUME",
            "CANCELLING, CANCEL",
            "ACCEPTED, RESUME"})
    void anEventItsStateDoesNotTakeIsNamed(ParentState from, ParentEvent event) {
        assertThat(ParentStateMachine.next(from, event)).isEmpty();
        assertThatThrownBy(() -> ParentStateMachine.require(from, event))
                .isInstanceOf(IllegalParentTransition.class).hasMessage("parent order in " + from + " cannot take " + event);
    }

    @ParameterizedTest
    @EnumSource(value = ParentState.class, names = {"DONE", "CANCELLED", "FAILED"})
    void aFinishedParentTakesNoEventAtAll(ParentState terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        for (ParentEvent e : ParentEvent.values()) {
            assertThat(ParentStateMachine.next(terminal, e)).as(terminal + " x " + e).isEmpty();
        }
    }

    @Test
    void everyLiveStateCanBeCancelledExceptOneAlreadyCancelling() {
        for (ParentState s : ParentState.values()) {
            boolean cancellable = !s.isTerminal() && s != ParentState.CANCELLING;
            assertThat(ParentStateMachine.next(s, ParentEvent.CANCEL).isPresent()).as(s.name()).isEqualTo(cancellable);
        }
        assertThat(ParentStateMachine.next(null, ParentEvent.ACCEPT)).contains(ParentState.ACCEPTED);
    }
}
