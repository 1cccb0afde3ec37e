package kisgateway.app.health;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A check that alerts in {@code /q/health} only: neither readiness nor liveness. For conditions that hit every
 * instance at once (a database restart, a skewed KIS clock, a quiet notice stream), where taking instances out of
 * service would stop cancels too, and a restart would mend nothing.
 */
public abstract class AlertHealthCheck extends AbstractHealthCheck {

    protected AlertHealthCheck(String id) {
        super("kis-gateway", id);
    }

    @Override
    public final boolean isReadiness() {
        return false;
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
