package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import kisgateway.kis.error.KisInvalidRequest;
import kisgateway.kis.error.KisUnsupportedInMode;
import org.junit.jupiter.api.Test;

class KisEnvironmentTest {

    private static final URI SIM_REST = URI.create("http://127.0.0.1:18080");
    private static final URI SIM_WS = URI.create("ws://127.0.0.1:18081/tryitout");

    @Test
    void liveUsesRealHostsTrsAndLimits() {
        KisEnvironment env = KisEnvironment.forMode(KisMode.parse("live"), null, null);
        assertThat(env.restBaseUri()).hasToString("https://openapi.koreainvestment.com:9443");
        assertThat(env.webSocketUri()).hasToString("ws://ops.koreainvestment.com:21000/tryitout");
        assertThat(env.trFamily()).isEqualTo(TrFamily.REAL);
        assertThat(env.trId(KisFunction.CASH_BUY)).isEqualTo("TTTC0012U");
        assertThat(env.restPermitsPerSecond()).isEqualTo(18);
        assertThat(env.executionNoticeTrId()).isEqualTo("H0STCNI0");
        assertThat(env.pageSize(KisFunction.DAILY_EXECUTIONS_RECENT)).isEqualTo(100);
        assertThat(env.pageSize(KisFunction.BALANCE)).isEqualTo(50);
        assertThat(env.allowedOrderExchanges()).containsExactlyInAnyOrder(OrderExchange.values());
        assertThat(env.executionInquiryExchangeCode()).isEqualTo("ALL");
        assertThat(env.supports(KisFunction.REVISABLE_ORDERS)).isTrue();
    }

    @Test
    void paperUsesVtsHostsVTrsOnePerSecondAndItsRestrictions() {
        KisEnvironment env = KisEnvironment.forMode(KisMode.parse(" Paper "), null, null);
        assertThat(env.restBaseUri()).hasToString("https://openapivts.koreainvestment.com:29443");
        assertThat(env.webSocketUri()).hasToString("ws://ops.koreainvestment.com:31000/tryitout");
        assertThat(env.trFamily()).isEqualTo(TrFamily.PAPER);
        assertThat(env.trId(KisFunction.CASH_SELL)).isEqualTo("VTTC0011U");
        assertThat(env.restPermitsPerSecond()).isEqualTo(1);
        assertThat(env.executionNoticeTrId()).isEqualTo("H0STCNI9");
        assertThat(env.pageSize(KisFunction.DAILY_EXECUTIONS_RECENT)).isEqualTo(15);
        assertThat(env.pageSize(KisFunction.BALANCE)).isEqualTo(20);
        assertThat(env.executionInquiryExchangeCode()).isEqualTo("KRX");
        assertThat(env.supports(KisFunction.REVISABLE_ORDERS)).isFalse();
        assertThatThrownBy(() -> env.trId(KisFunction.REVISABLE_ORDERS)).isInstanceOf(KisUnsupportedInMode.class)
                .hasMessageContaining("REVISABLE_ORDERS").hasMessageContaining("PAPER");
        assertThatThrownBy(() -> env.requireOrderExchangeAllowed(OrderExchange.NXT))
                .isInstanceOf(KisInvalidRequest.class);
        env.requireOrderExchangeAllowed(OrderExchange.KRX);
        env.requireOrderExchangeAllowed(null);
    }

    @Test
    void simSpeaksTheLiveProtocolOnConfiguredHosts() {
        KisEnvironment env = KisEnvironment.forMode(KisMode.SIM, SIM_REST, SIM_WS);
        assertThat(env.restBaseUri()).isEqualTo(SIM_REST);
        assertThat(env.webSocketUri()).isEqualTo(SIM_WS);
        assertThat(env.trFamily()).isEqualTo(TrFamily.REAL);
        assertThat(env.trId(KisFunction.REVISE_CANCEL)).isEqualTo("TTTC0013U");
        assertThat(env.restPermitsPerSecond()).isEqualTo(18);
        assertThat(env.executionNoticeTrId()).isEqualTo("H0STCNI0");
        assertThatThrownBy(() -> KisEnvironment.forMode(KisMode.SIM, null, SIM_WS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overridesKeepTheModeAndChangeOnlyWhatWasAsked() {
        KisEnvironment env = KisEnvironment.live().withRestPermitsPerSecond(10).withTrGeneration(TrGeneration.OLD)
                .withHosts(SIM_REST, null);
        assertThat(env.mode()).isEqualTo(KisMode.LIVE);
        assertThat(env.restPermitsPerSecond()).isEqualTo(10);
        assertThat(env.trId(KisFunction.CASH_BUY)).isEqualTo("TTTC0802U");
        assertThat(env.restBaseUri()).isEqualTo(SIM_REST);
        assertThat(env.webSocketUri()).isEqualTo(KisEnvironment.LIVE_WS);
        assertThatThrownBy(() -> env.withRestPermitsPerSecond(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownModeIsRefusedWithTheAllowedValues() {
        assertThatThrownBy(() -> KisMode.parse("prod")).hasMessageContaining("sim, paper, live");
        assertThatThrownBy(() -> KisMode.parse(null)).hasMessageContaining("missing");
    }
}
