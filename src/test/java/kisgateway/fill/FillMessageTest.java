package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kisgateway.testing.ContractSchemas;
import org.junit.jupiter.api.Test;

class FillMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFillOfAnOrderOfOursCarriesTheOrderAndItsCumulativeQuantityInTheContractShape() throws Exception {
        UUID orderId = UUID.fromString("3b0c4c9e-4f1e-4a43-9a55-1f0d7c2b9e10");
        FillMessage m = FillMessage.of("Fabc", "sim", "0000012345", "005930", "BUY", 7, new BigDecimal("71900.00"),
                Instant.parse("2026-11-20T01:02:03Z"), 17, "STREAM", orderId, "client-\"7\"", 20L, java.util.List.of(), 0);

        ContractSchemas.assertValid("fill-event.schema.json", m.json());
        JsonNode n = JSON.readTree(m.json());
        assertThat(n.at("/report/execution_id").asText()).isEqualTo("Fabc");
        assertThat(n.at("/report/order_ref/order_id").asText()).isEqualTo("0000012345");
        assertThat(n.at("/report/occurred_at").asText()).isEqualTo("2026-11-20T10:02:03+09:00");
        assertThat(n.at("/report/price").asText()).isEqualTo("71900");
        assertThat(n.at("/report/quantity").asText()).isEqualTo("7");
        assertThat(n.at("/client_order_id").asText()).isEqualTo("client-\"7\"");
        assertThat(n.at("/cumulative_quantity").asText()).isEqualTo("17");
        assertThat(n.at("/order_quantity").asText()).isEqualTo("20");
        assertThat(n.has("external")).isFalse();
    }

    @Test
    void aFillOfNoOrderOfOursIsMarkedExternalAndKeepsADecimalPrice() throws Exception {
        FillMessage m = FillMessage.of("Ixyz", "sim", "0000099999", "035720", "SELL", 3, new BigDecimal("1234.50"),
                Instant.parse("2026-11-20T06:00:00Z"), 0, "BACKFILL", null, null, null, java.util.List.of(), 0);

        ContractSchemas.assertValid("fill-event.schema.json", m.json());
        JsonNode n = JSON.readTree(m.json());
        assertThat(n.at("/external").asBoolean()).isTrue();
        assertThat(n.at("/report/price").asText()).isEqualTo("1234.5");
        assertThat(n.has("gateway_order_id")).isFalse();
        assertThat(n.at("/source").asText()).isEqualTo("BACKFILL");
        assertThat(n.has("corrects")).isFalse();
    }

    @Test
    void aLateNoticeNamesTheInferredFillsItTookItsSharesFromAndWhatEachStillStandsFor() throws Exception {
        UUID orderId = UUID.fromString("3b0c4c9e-4f1e-4a43-9a55-1f0d7c2b9e10");
        FillMessage m = FillMessage.of("Flate", "sim", "0000012345", "005930", "BUY", 7, new BigDecimal("71800"),
                Instant.parse("2026-11-20T01:02:03Z"), 20, "STREAM", orderId, "c-1", 20L,
                java.util.List.of(new FillCorrection("Ifirst", 4, 0), new FillCorrection("Isecond", 2, 6)), 0);

        ContractSchemas.assertValid("fill-event.schema.json", m.json());
        JsonNode n = JSON.readTree(m.json());
        assertThat(n.at("/report/quantity").asText()).as("the real execution, as the notice reported it").isEqualTo("7");
        assertThat(n.at("/corrects/0/execution_id").asText()).isEqualTo("Ifirst");
        assertThat(n.at("/corrects/0/quantity").asText()).isEqualTo("4");
        assertThat(n.at("/corrects/0/remaining_quantity").asText()).isEqualTo("0");
        assertThat(n.at("/corrects/1/execution_id").asText()).isEqualTo("Isecond");
        assertThat(n.at("/corrects/1/remaining_quantity").asText()).isEqualTo("6");
    }
}
