package kisgateway.risk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.Map;
import kisgateway.risk.Exchange;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    @Test
    void defaultsMatchTheVenuesRules() {
        SessionSettings s = SessionSettings.fromProperties(Map.of());
        assertThat(s.krxWindows()).extracting(TradingSessionWindow::name).containsExactly("pre-off-hours",
                "opening-auction", "continuous", "closing-auction", "post-close-off-hours", "after-hours-single-price");
        assertThat(s.nxtWindows()).extracting(TradingSessionWindow::name)
                .containsExactly("pre-market", "main-market", "after-market");
        assertThat(s.nxtWindows().get(1).start()).isEqualTo(LocalTime.of(9, 0, 30));
        assertThat(s.windows(Exchange.SOR)).hasSize(9);
    }

    @Test
    void aNewWindowNeedsAllItsKeys() {
        assertThatThrownBy(() -> SessionSettings.fromProperties(Map.of(
                "risk.session.krx.windows", "continuous,lunch",
                "risk.session.krx.lunch.hours", "12:00-13:00")))
                .hasMessageContaining("risk.session.krx.lunch.order-types");
    }

    @Test
    void rejectsAnOrderTypeTheVenueDoesNotAccept() {
        // NXT takes no market orders (ORD_DVSN 01)
        assertThatThrownBy(() -> SessionSettings.fromProperties(Map.of("risk.session.nxt.main-market.order-types", "00,01")))
                .hasMessageContaining("NXT");
    }

    @Test
    void rejectsBadHoursAndPolicies() {
        assertThatThrownBy(() -> SessionSettings.fromProperties(Map.of("risk.session.krx.continuous.hours", "15:30-09:00")))
                .hasMessageContaining("risk.session.krx.continuous.hours");
        assertThatThrownBy(() -> SessionSettings.fromProperties(Map.of("risk.session.krx.continuous.hours", "9h-15h")))
                .hasMessageContaining("HH:mm");
        assertThatThrownBy(() -> SessionSettings.fromProperties(Map.of("risk.session.krx.continuous.on-late-open", "LATER")))
                .hasMessageContaining("on-late-open");
    }
}
