package kisgateway.order.parent;

/** An event the parent's state does not allow, named as {@code WORKING -(ACCEPT)->}. */
public final class IllegalParentTransition extends IllegalStateException {

    public IllegalParentTransition(ParentState from, ParentEvent event) {
        super("parent order in " + from + " cannot take " + event);
    }
}
