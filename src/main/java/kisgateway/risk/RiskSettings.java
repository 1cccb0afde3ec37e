package kisgateway.risk;

import java.util.Map;
import java.util.Objects;
import kisgateway.risk.compliance.ComplianceSettings;
import kisgateway.risk.limits.LimitSettings;
import kisgateway.risk.limits.PriceBandSettings;
import kisgateway.risk.limits.TickSettings;
import kisgateway.risk.session.SessionSettings;

/**
 * Every tunable of the pre-trade gate, read from the {@code risk.*} keys of the gateway's configuration (documented
 * with their defaults in {@code config/risk.properties}). Unknown {@code risk.*} keys are refused.
 */
public record RiskSettings(SessionSettings session, LimitSettings limits, PriceBandSettings priceBand,
                           TickSettings ticks, ComplianceSettings compliance) {

    public RiskSettings {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(priceBand, "priceBand");
        Objects.requireNonNull(ticks, "ticks");
        Objects.requireNonNull(compliance, "compliance");
    }

    /**
     * Reads every settings record from the properties (other keys than {@code risk.*} are ignored).
     *
     * @throws IllegalArgumentException for a malformed value or an unknown {@code risk.*} key, naming the key
     */
    public static RiskSettings fromProperties(Map<String, String> properties) {
        RiskProperties p = new RiskProperties(properties);
        RiskSettings settings = new RiskSettings(SessionSettings.from(p), LimitSettings.from(p), PriceBandSettings.from(p),
                TickSettings.from(p), ComplianceSettings.from(p));
        p.requireAllRead();
        return settings;
    }
}
