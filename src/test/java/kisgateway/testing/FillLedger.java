package kisgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kis.fills as a back office keeps it, by the fill schema's rules: every execution stands for its quantity until
 * a later message's {@code corrects} takes shares from it, and a {@code restatement} replaces the earlier
 * message of its execution (attribution). Anything else seen twice, or a correction of an execution never seen,
 * fails the test at once.
 */
public final class FillLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One execution: its latest message and the shares it stands for now. */
    public static final class Execution {
        private JsonNode message;
        private long standing;

        public JsonNode message() {
            return message;
        }

        public long standing() {
            return standing;
        }

        public BigDecimal price() {
            return new BigDecimal(message.at("/report/price").asText());
        }

        public String source() {
            return message.path("source").asText();
        }
    }

    private final List<JsonNode> messages = new ArrayList<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();

    /** Takes every message waiting on the consumer. */
    public void drain(MessageConsumer consumer) throws Exception {
        Message m;
        while ((m = consumer.receive(100)) != null) {
            add(((TextMessage) m).getText());
        }
    }

    public void add(String text) throws Exception {
        ContractSchemas.assertValid("fill-event.schema.json", text);
        JsonNode f = JSON.readTree(text);
        messages.add(f);
        String id = f.at("/report/execution_id").asText();
        Execution known = executions.get(id);
        if (f.has("restatement")) {
            assertThat(known).as("a restatement of an execution never published: %s", f).isNotNull();
            known.message = f;
            return;
        }
        assertThat(known).as("execution %s published twice", id).isNull();
        Execution e = new Execution();
        e.message = f;
        e.standing = Long.parseLong(f.at("/report/quantity").asText());
        executions.put(id, e);
        for (JsonNode c : f.path("corrects")) {
            Execution inferred = executions.get(c.path("execution_id").asText());
            assertThat(inferred).as("a correction names an execution published before it: %s", c).isNotNull();
            assertThat(inferred.source()).isNotEqualTo("STREAM");
            // subtracted, not set to remaining_quantity: the late notices of one batch may come in any order
            inferred.standing -= Long.parseLong(c.path("quantity").asText());
            assertThat(inferred.standing).as("an inferred execution never stands for fewer than 0 shares: %s", c)
                    .isGreaterThanOrEqualTo(0);
        }
    }

    /** Every message, in queue order. */
    public List<JsonNode> messages() {
        return messages;
    }

    /** The executions of a KIS order number, in queue order. */
    public List<Execution> executions(String kisOrderNo) {
        return executions.values().stream()
                .filter(e -> e.message.at("/report/order_ref/order_id").asText().equals(kisOrderNo)).toList();
    }

    public long quantity(String kisOrderNo) {
        return executions(kisOrderNo).stream().mapToLong(Execution::standing).sum();
    }

    public BigDecimal notional(String kisOrderNo) {
        return executions(kisOrderNo).stream().map(e -> e.price().multiply(BigDecimal.valueOf(e.standing)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** True once a late notice of the order number corrected an inferred execution. */
    public boolean corrected(String kisOrderNo) {
        return executions(kisOrderNo).stream().anyMatch(e -> e.message.has("corrects"));
    }

    /** "external", the one client order id all executions of the number are attributed to, or "none"/"mixed". */
    public String attribution(String kisOrderNo) {
        List<String> seen = executions(kisOrderNo).stream().map(e -> e.message.path("external").asBoolean() ? "external"
                : e.message.path("client_order_id").asText()).distinct().toList();
        return seen.isEmpty() ? "none" : seen.size() > 1 ? "mixed " + seen : seen.get(0);
    }
}
