package kisgateway.app.adapter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import kisgateway.testing.TestConfig;

/**
 * The hand-kept components.schemas of docs/openapi.json held against what the gateway answers: every field the
 * answer has is documented, every required one is there, each of the documented type (or null where nullable).
 */
final class OpenApiComponents {

    private static final JsonNode SCHEMAS = read().path("components").path("schemas");

    private OpenApiComponents() {
    }

    static void assertConforms(String component, JsonNode answer) {
        check(SCHEMAS.path(component), answer, component);
    }

    private static void check(JsonNode schema, JsonNode value, String at) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
            assertThat(SCHEMAS.has(name)).as(at + ": " + name + " is documented").isTrue();
            check(SCHEMAS.path(name), value, at);
            return;
        }
        if (value.isNull()) {
            assertThat(schema.path("nullable").asBoolean()).as(at + " is null, documented as nullable").isTrue();
            return;
        }
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    assertThat(schema.path("properties").has(f.getKey())).as(at + "." + f.getKey() + " is documented")
                            .isTrue();
                    check(schema.path("properties").path(f.getKey()), f.getValue(), at + "." + f.getKey());
                }
                schema.path("required").forEach(r -> assertThat(value.has(r.asText()))
                        .as(at + "." + r.asText() + " is required").isTrue());
            }
            case "array" -> {
                assertThat(value.isArray()).as(at + " is an array").isTrue();
                int i = 0;
                for (JsonNode item : value) {
                    check(schema.path("items"), item, at + "[" + i++ + "]");
                }
            }
            case "string" -> assertThat(value.isTextual()).as(at + " is a string: " + value).isTrue();
            case "integer" -> assertThat(value.isIntegralNumber()).as(at + " is an integer: " + value).isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as(at + " is a boolean: " + value).isTrue();
            default -> throw new AssertionError(at + ": undocumented type '" + type + "'");
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Files.readString(TestConfig.projectDir().resolve("docs/openapi.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
