package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kisgateway.testing.HostileIntents;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 21.8/21.9 in-process: 10,000 generated hostile intents through the two checks both intakes apply, the
 * schema (as json-validator applies it) and IntentParser. Each must be refused by one of them, the parser only
 * ever with a reason (InvalidIntentException), never with another exception. HostileInputFlowTest sends a share of
 * the same kind of intents to a real gateway.
 */
class IntentFuzzTest {

    static final int INTENTS = 10_000;

    @Test
    void noHostileIntentPassesBothTheSchemaAndTheParser() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                Files.readString(TestConfig.projectDir().resolve("docs/schemas/order-intent.schema.json")));
        IntentParser parser = new IntentParser(Set.of("sim"), Duration.ofSeconds(2), Duration.ofSeconds(60), 1_000_000,
                Clock.systemUTC());
        HostileIntents generator = new HostileIntents(21_08_09L, "sim", "demo", "resting-1");
        for (String kind : List.of("NEW", "NEW_LIMIT", "CANCEL", "REPLACE")) {
            String valid = HostileIntents.json(generator.base(kind, "valid-" + kind));
            assertThat(schema.validate(valid, InputFormat.JSON)).as(valid).isEmpty();
            assertThat(parser.parse(valid)).as(valid).isNotNull();
        }

        List<String> passed = new ArrayList<>();
        List<String> rawReasons = new ArrayList<>();
        int refusedBySchema = 0;
        for (HostileIntents.Hostile h : generator.generate(INTENTS, "fuzz-")) {
            boolean schemaRefused;
            try {
                schemaRefused = !schema.validate(h.json(), InputFormat.JSON).isEmpty();
            } catch (RuntimeException e) {
                // json-validator answers a body it cannot read with an exception: a refusal too
                schemaRefused = true;
            }
            refusedBySchema += schemaRefused ? 1 : 0;
            try {
                parser.parse(h.json());
                if (!schemaRefused) {
                    passed.add(h.kind() + " " + h.mutation() + ": " + h.json());
                }
            } catch (InvalidIntentException expected) {
                if (expected.getMessage().isBlank() || expected.getMessage().chars().anyMatch(c -> c < 0x20)) {
                    rawReasons.add(expected.getMessage());
                }
            }
        }
        assertThat(passed).as("%d hostile intents that both checks let through", passed.size()).isEmpty();
        assertThat(rawReasons).as("reasons with raw control characters").isEmpty();
        // the parser stands on its own too: most hostile values are refused by the schema first, not all
        assertThat(refusedBySchema).isLessThan(INTENTS);
    }
}
