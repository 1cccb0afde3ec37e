package kisgateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TickRequestTest {

    @Test
    void aRequestIsTakenAsSent() {
        TickRequest r = TickRequest.parse("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"desk-1\",\"symbols\":[\"005930\","
                + "\"Q500001\"]}", 40);
        assertThat(r.action()).isEqualTo(TickRequest.Action.SUBSCRIBE);
        assertThat(r.subscriber()).isEqualTo("desk-1");
        assertThat(r.symbols()).containsExactly("005930", "Q500001");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[]",
            "{\"action\":\"subscribe\",\"subscriber\":\"a\",\"symbols\":[\"005930\"]}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a \",\"symbols\":[\"005930\"]}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"\",\"symbols\":[\"005930\"]}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[]}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":\"005930\"}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[\"005930\\n\"]}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[5930]}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[\"005930\",\"005930\"]}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[\"005930\"],\"leaseMs\":1}",
            "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[\"000001\",\"000002\",\"000003\"]}"
    })
    void anythingElseIsRefusedWithItsReason(String json) {
        assertThatThrownBy(() -> TickRequest.parse(json, 2)).isInstanceOf(TickRequest.Invalid.class)
                .hasMessageNotContaining("\n").hasMessageNotContaining("Exception");
    }

    @Test
    void aReasonNeverCarriesRawControlCharacters() {
        assertThatThrownBy(() -> TickRequest.parse("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":"
                + "[\"00\\u000d5930\"]}", 40)).hasMessageContaining("00\\r5930").hasMessageNotContaining("\r");
    }
}
