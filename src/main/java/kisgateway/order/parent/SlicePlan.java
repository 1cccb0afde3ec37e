package kisgateway.order.parent;

/**
 * What a parent does now: send a child of {@code quantity} for schedule slot {@code slot} (quantity 0: none now),
 * and whether it sends no more children after this one.
 */
public record SlicePlan(long quantity, int slot, boolean stopSending) {

    static final SlicePlan WAIT = new SlicePlan(0, 0, false);
    static final SlicePlan STOP = new SlicePlan(0, 0, true);

    public boolean sendsChild() {
        return quantity > 0;
    }
}
