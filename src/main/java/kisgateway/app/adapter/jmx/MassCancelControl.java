package kisgateway.app.adapter.jmx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import kisgateway.app.console.ConsoleOperator;
import kisgateway.app.service.orders.MassCancels;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * JMX face of the mass cancels ({@code kisgateway:type=MassCancels}), through the same route as REST (checked,
 * audited, run on the KIS leader or forwarded to it). A request made through Hawtio's Jolokia is audited with the
 * name of the operator logged in to the console; one by any other JMX caller as actor "jmx".
 */
public final class MassCancelControl implements MassCancelControlMBean {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context;
    private volatile ProducerTemplate template;

    public MassCancelControl(CamelContext context) {
        this.context = context;
    }

    @Override
    public String cancelResting(String scope, String key, String reason, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("reason", reason);
        if (requestId != null && !requestId.isBlank()) {
            body.put("requestId", requestId);
        }
        String actor = ConsoleOperator.current().orElse("jmx");
        return template().requestBodyAndHeaders("direct:massCancelByOperator", body.toString(),
                Map.of("kisOperator", actor, "scope", scope == null ? "" : scope, "key", key == null ? "" : key),
                String.class);
    }

    @Override
    public String report(String requestId) {
        // the reports are in the shared database: any instance reads them
        return context.getRegistry().lookupByNameAndType("massCancels", MassCancels.class).report(requestId);
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
