package kisgateway.sim.trading;

/**
 * What an order record is. KIS books a revision or a cancel as an order of its own with a new ODNO whose
 * ORGN_ODNO points at the order it changed; RCTF_CLS in the notice is 0, 1 or 2 accordingly.
 */
public enum OrderAction {
    NEW("0"),
    REVISE("1"),
    CANCEL("2");

    private final String rctfCls;

    OrderAction(String rctfCls) {
        this.rctfCls = rctfCls;
    }

    public String rctfCls() {
        return rctfCls;
    }
}
