package kisgateway.ops.drills;

import java.util.Optional;

/** What the drill does to the gateway it runs in; the gateway's order flow and kill switches behind it. */
public interface DrillDesk {

    /** The price the resting order takes: far enough under the market not to fill while the drill runs. */
    long restingPrice();

    /** A one-share limit buy of the drill strategy through the whole order flow, as the flow left it. */
    DrillOrder place(String clientOrderId, long price);

    Optional<DrillOrder> order(String clientOrderId);

    /** A cancel intent of the drill strategy for one of its orders (cancels pass a halted switch). */
    void cancel(String clientOrderId, String targetClientOrderId);

    /** The drill strategy's kill switch to HALTED, under the drill's name. */
    void halt(String reason);

    /** The drill strategy's kill switch back to ACTIVE. */
    void activate(String reason);
}
