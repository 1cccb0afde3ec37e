package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The intent schema as the intakes' json-validator applies it (networknt, default configuration: Java's regex
 * engine, whose '$' also matches before a final line break): hostile values refused as sent.
 */
class IntentSchemaTest {

    private static JsonSchema schema;
    private static JsonNode tree;

    @BeforeAll
    static void load() throws Exception {
        String text = Files.readString(TestConfig.projectDir().resolve("docs/schemas/order-intent.schema.json"));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(text);
        tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    }

    private static final String NEW = "{\"clientOrderId\":\"a\",\"account\":\"sim\",\"strategyId\":\"s\",\"symbol\":\"005930\","
            + "\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":\"71000\",\"timeToLiveMs\":1000}";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"symbol\":\"005930\"|\"symbol\":\"005930\\n\"",
            "\"symbol\":\"005930\"|\"symbol\":\"005930\\u2028\"",
            "\"symbol\":\"005930\"|\"symbol\":\"005930\\u0085\"",
            "\"account\":\"sim\"|\"account\":\"sim \"",
            "\"account\":\"sim\"|\"account\":\"sim\\u0000\"",
            "\"account\":\"sim\"|\"account\":\"sim\\n\"",
            "\"clientOrderId\":\"a\"|\"clientOrderId\":\"a\\r\\n\"",
            "\"strategyId\":\"s\"|\"strategyId\":\"s\\n\"",
            "\"price\":\"71000\"|\"price\":\"71000\\n\"",
            "\"price\":\"71000\"|\"price\":\"77777777777777777777\"",
            "\"quantity\":1|\"quantity\":18446744073709551621",
            "\"quantity\":1|\"quantity\":1000000001",
            "\"timeToLiveMs\":1000|\"timeToLiveMs\":18446744073709552616",
    })
    void hostileValuesBreakTheSchema(String valid, String hostile) {
        assertThat(schema.validate(NEW, InputFormat.JSON)).isEmpty();
        assertThat(schema.validate(NEW.replace(valid, hostile), InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void theSchemasMaximaAreTheParsersCeilings() {
        JsonNode p = tree.path("properties");
        assertThat(p.path("quantity").path("maximum").asLong()).isEqualTo(IntentParser.QUANTITY_CEILING);
        assertThat(p.path("timeToLiveMs").path("maximum").asLong()).isEqualTo(IntentParser.TIME_TO_LIVE_CEILING_MS);
        assertThat(p.path("price").path("pattern").asText()).isEqualTo("^[0-9]{1," + IntentParser.PRICE_MAX_DIGITS + "}$");
    }
}
