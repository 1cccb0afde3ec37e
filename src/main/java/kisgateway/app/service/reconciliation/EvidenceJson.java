package kisgateway.app.service.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Evidence maps as JSON text for the breaks table and messages. */
final class EvidenceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceJson() {
    }

    static String of(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
