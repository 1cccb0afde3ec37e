package kisgateway.app.service.orders;

import java.time.Clock;
import java.util.List;
import kisgateway.order.masscancel.MassCancelRequest;
import kisgateway.risk.profile.CutoffCancels;

/**
 * The mass cancels the strategies' cutoffs call for now (routes/strategy-profiles.camel.yaml runs them through
 * direct:runMassCancel, as the kill switches' are): one REDUCING run of the strategy's scope per strategy and day,
 * begun only while it has resting entries to cancel.
 */
public final class StrategyCutoffs {

    private final CutoffCancels cutoffs;
    private final MassCancels massCancels;
    private final Clock clock;

    public StrategyCutoffs(CutoffCancels cutoffs, MassCancels massCancels, Clock clock) {
        this.cutoffs = cutoffs;
        this.massCancels = massCancels;
        this.clock = clock;
    }

    public List<MassCancelRequest> due() {
        return massCancels.withOrdersToCancel(cutoffs.due(clock.instant()).stream()
                .map(d -> MassCancelRequest.forCutoff(d.strategyId(), d.day(), d.cutoff(), d.cutoffAt())).toList());
    }
}
