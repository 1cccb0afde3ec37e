package kisgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The message contracts of docs/schemas, for asserting that what the gateway publishes is what it promises. */
public final class ContractSchemas {

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    public static void assertValid(String schemaFile, String json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(schemaFile, f -> {
            try {
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(Files.readString(TestConfig.projectDir().resolve("docs/schemas").resolve(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(schema.validate(json, InputFormat.JSON)).as("%s against %s", json, schemaFile).isEmpty();
    }
}
