package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kisgateway.testing.TestConfig;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration engineers edit routes/*.camel.yaml by hand; a typo must fail the build with the file and the
 * line, not the gateway at start-up. Every route file is validated against the YAML DSL JSON schema shipped
 * inside camel-yaml-dsl, then parsed by Camel's YAML DSL loader.
 */
class RouteFilesTest {

    private static final JsonNodeReader YAML_WITH_LINES = JsonNodeReader.builder().locationAware().build();
    private static final CamelCatalog CATALOG = new DefaultCamelCatalog(true);

    @Test
    void everyRouteFileMatchesTheYamlDslSchema() throws IOException {
        List<Path> files = routeFiles();
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(validate(file));
        }
        assertThat(problems).as("schema violations in routes/").isEmpty();
    }

    @Test
    void everyRouteFileLoadsInCamelsYamlDsl() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(TestConfig.load(java.util.Map.of()).withoutSecrets());
            for (Path file : routeFiles()) {
                Resource resource = ResourceHelper.resolveMandatoryResource(context, "file:" + file);
                PluginHelper.getRoutesLoader(context).loadRoutes(resource);
            }
            assertThat(context.getRouteDefinitions()).isNotEmpty();
            Set<String> ids = new java.util.HashSet<>();
            context.getRouteDefinitions().forEach(r -> {
                assertThat(r.getRouteId()).as("every route has an explicit id: %s", r).isNotBlank();
                assertThat(ids.add(r.getRouteId())).as("route id %s is unique", r.getRouteId()).isTrue();
            });
        }
    }

    @Test
    void everyEndpointUriIsValidForItsComponent() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : routeFiles()) {
            problems.addAll(validateEndpoints(file));
        }
        assertThat(problems).as("invalid endpoint URIs in routes/").isEmpty();
    }

    @Test
    void aMisspelledEndpointOptionIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.camel.yaml");
        Files.writeString(broken, """
                - route:
                    id: consumeSomething
                    from:
                      uri: "jms:queue:kis.order.intents"
                      parameters:
                        transacted: true
                        concurentConsumers: 2
                      steps:
                        - to:
                            uri: "log:x"
                """);
        assertThat(validateEndpoints(broken)).singleElement()
                .satisfies(p -> assertThat(p).startsWith(broken + ":4:").contains("concurentConsumers"));
    }

    @Test
    void aTypoIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.camel.yaml");
        Files.writeString(broken, """
                - route:
                    id: consumeSomething
                    from:
                      uri: "direct:start"
                      steps:
                        - setHeader:
                            name: a
                            constant: b
                        - too:
                            uri: "log:x"
                """);
        List<String> problems = validate(broken);
        assertThat(problems).isNotEmpty();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(broken + ":9:"));
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> s = Files.list(TestConfig.projectDir().resolve("routes"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    static List<String> validate(Path file) throws IOException {
        JsonSchema schema = schema();
        JsonNode routes = YAML_WITH_LINES.readTree(Files.readString(file), InputFormat.YAML);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(routes)) {
            out.add(file + ":" + line(m.getInstanceNode()) + ": " + m.getMessage());
        }
        return out;
    }

    /** Every {@code uri} (with its {@code parameters}) and every dead-letter URI, checked by the Camel catalog. */
    static List<String> validateEndpoints(Path file) throws IOException {
        JsonNode routes = YAML_WITH_LINES.readTree(Files.readString(file), InputFormat.YAML);
        List<String> out = new ArrayList<>();
        collectEndpoints(routes, file, out);
        return out;
    }

    private static void collectEndpoints(JsonNode node, Path file, List<String> out) {
        if (node instanceof ObjectNode object) {
            JsonNode uri = object.get("uri");
            if (uri == null) {
                uri = object.get("deadLetterUri");
            }
            if (uri != null && uri.isTextual() && !object.has("toD")) {
                String full = withParameters(uri.asText(), object.get("parameters"));
                EndpointValidationResult result = CATALOG.validateEndpointProperties(full, false);
                if (!result.isSuccess()) {
                    out.add(file + ":" + line(uri) + ": " + full + ": " + result.summaryErrorMessage(false, false, false));
                }
            }
            object.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("toD")) {
                    collectEndpoints(e.getValue(), file, out);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(n -> collectEndpoints(n, file, out));
        }
    }

    private static String withParameters(String uri, JsonNode parameters) {
        if (parameters == null || !parameters.isObject() || parameters.isEmpty()) {
            return uri;
        }
        StringBuilder sb = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        parameters.fields().forEachRemaining(e -> sb.append(e.getKey()).append('=').append(e.getValue().asText()).append('&'));
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static int line(JsonNode node) {
        if (node instanceof JsonLocationAware aware) {
            JsonLocation location = aware.tokenLocation();
            return location.getLineNr();
        }
        return 0;
    }

    private static JsonSchema schema;

    private static synchronized JsonSchema schema() throws IOException {
        if (schema != null) {
            return schema;
        }
        try (InputStream in = RouteFilesTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("camelYamlDsl.json inside camel-yaml-dsl").isNotNull();
            JsonNode tree = new ObjectMapper().readTree(in);
            allowPlaceholders(tree);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(tree, config);
            return schema;
        }
    }

    /**
     * Camel accepts a property placeholder wherever the DSL takes a number or a boolean
     * ({@code maximumRedeliveries: "{{deadletter.maximum-redeliveries}}"}); the published schema does not say
     * so. Every number, integer or boolean type becomes "that type, or a string that is one placeholder".
     */
    private static void allowPlaceholders(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // children first: the anyOf added below holds a plain type that must stay as it is
            object.elements().forEachRemaining(RouteFilesTest::allowPlaceholders);
            JsonNode type = object.get("type");
            if (type != null && type.isTextual() && !object.has("anyOf")
                    && Set.of("number", "integer", "boolean").contains(type.asText())) {
                ArrayNode anyOf = object.arrayNode();
                anyOf.addObject().put("type", type.asText());
                anyOf.addObject().put("type", "string").put("pattern", "^\\{\\{[^{}]+\\}\\}$");
                object.remove("type");
                object.set("anyOf", anyOf);
            }
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(RouteFilesTest::allowPlaceholders);
        }
    }
}
