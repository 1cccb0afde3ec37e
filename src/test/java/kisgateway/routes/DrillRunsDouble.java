package kisgateway.routes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;

/** The kill-switch drill as the routes call it: nothing due on the timer, an operator's run answered at once. */
public final class DrillRunsDouble {

    public final List<String> calls = new CopyOnWriteArrayList<>();

    public String runIfDue(Exchange exchange) {
        calls.add("runIfDue");
        return null;
    }

    public String runNow(String operator, Exchange exchange) {
        calls.add("runNow:" + operator);
        return "{\"outcome\":\"PASSED\",\"trigger\":\"OPERATOR:" + operator + "\"}";
    }
}
