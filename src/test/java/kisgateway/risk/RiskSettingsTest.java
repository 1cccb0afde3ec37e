package kisgateway.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import kisgateway.risk.compliance.ComplianceSettings;
import kisgateway.risk.limits.LimitSettings;
import kisgateway.risk.limits.PriceBandSettings;
import kisgateway.risk.limits.TickSettings;
import kisgateway.risk.session.SessionSettings;
import org.junit.jupiter.api.Test;

/** config/risk.properties documents exactly the built-in defaults, every key with a comment. */
class RiskSettingsTest {

    @Test
    void theDocumentedDefaultsAreTheBuiltInOnes() throws IOException {
        assertThat(RiskSettings.fromProperties(documented())).isEqualTo(RiskSettings.fromProperties(Map.of()));
    }

    @Test
    void everyKeyTheSettingsReadIsDocumentedAndNoOther() throws IOException {
        Map<String, String> documented = documented();
        RiskProperties p = new RiskProperties(documented);
        SessionSettings.from(p);
        LimitSettings.from(p);
        PriceBandSettings.from(p);
        TickSettings.from(p);
        ComplianceSettings.from(p);
        assertThat(new TreeSet<>(documented.keySet())).isEqualTo(new TreeSet<>(p.keysRead()));
    }

    @Test
    void everyKeyHasACommentAboveItsBlock() throws IOException {
        List<String> lines = lines();
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("risk.")) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && lines.get(j).startsWith("risk.")) {
                j--;
            }
            if (j < 0 || !lines.get(j).startsWith("#")) {
                undocumented.add(lines.get(i));
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void aMisspeltKeyIsRefusedNotIgnored() {
        assertThatThrownBy(() -> RiskSettings.fromProperties(Map.of("risk.limits.max-order-valu-krw", "1")))
                .hasMessageContaining("risk.limits.max-order-valu-krw");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> RiskSettings.fromProperties(Map.of("risk.limits.max-order-quantity", "ten")))
                .hasMessageContaining("risk.limits.max-order-quantity");
        assertThatThrownBy(() -> RiskSettings.fromProperties(Map.of("risk.limits.daily-loss-cap-krw", "-5")))
                .hasMessageContaining("> 0");
        assertThatThrownBy(() -> RiskSettings.fromProperties(Map.of("risk.price-band.allow-limit-orders-without-last-price", "yes")))
                .hasMessageContaining("true or false");
    }

    @Test
    void otherKeysAreNotItsBusinessAndBlankMeansDefault() {
        Map<String, String> props = new HashMap<>();
        props.put("kis.mode", "sim");
        props.put("risk.limits.max-order-quantity", " ");
        assertThat(RiskSettings.fromProperties(props).limits().defaults().maxOrderQuantity())
                .isEqualTo(LimitSettings.DEFAULT_MAX_ORDER_QUANTITY);
    }

    private static Map<String, String> documented() throws IOException {
        Properties props = new Properties();
        try (InputStream in = resource()) {
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> map = new HashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        Set<String> nonRisk = new TreeSet<>(map.keySet());
        nonRisk.removeIf(k -> k.startsWith("risk."));
        assertThat(nonRisk).isEmpty();
        return map;
    }

    private static List<String> lines() throws IOException {
        try (InputStream in = resource()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
        }
    }

    private static InputStream resource() {
        InputStream in = RiskSettingsTest.class.getClassLoader().getResourceAsStream("config/risk.properties");
        assertThat(in).as("config/risk.properties on the test class path").isNotNull();
        return in;
    }
}
