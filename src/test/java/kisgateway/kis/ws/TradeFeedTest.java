package kisgateway.kis.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TradeFeedTest {

    @Test
    void theIntegratedStreamIsLiveOnly() {
        assertThat(TradeFeed.of("INTEGRATED", false).trId()).isEqualTo("H0UNCNT0");
        assertThat(TradeFeed.of("INTEGRATED", false).exchange()).isEqualTo("KRX+NXT");
        assertThat(TradeFeed.of("KRX", true).trId()).isEqualTo("H0STCNT0");
        assertThatThrownBy(() -> TradeFeed.of("INTEGRATED", true)).hasMessageContaining("paper");
        assertThatThrownBy(() -> TradeFeed.of("krx", false)).hasMessageContaining("KRX or INTEGRATED");
    }
}
