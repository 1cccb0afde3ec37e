package kisgateway.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import kisgateway.app.adapter.api.OrderApiResponses.ApiResponse;
import kisgateway.order.StrategyPermissions;
import org.apache.camel.component.jsonvalidator.JsonValidationException;

/**
 * In place of orderApiResponses: the status per failure class as the REST contract states it (the real mapping
 * has its own unit tests), and the answer for an order as "status/json" the test can recognise. Records what the
 * routes handed it.
 */
public final class ApiResponsesDouble {

    final Queue<String> calls = new ConcurrentLinkedQueue<>();

    public ApiResponse failure(Throwable thrown) {
        Throwable e = thrown;
        while (e.getCause() != null && !(e instanceof RuntimeException && e.getClass().getName().startsWith("kisgateway"))) {
            e = e.getCause();
        }
        int status;
        if (e instanceof StrategyPermissions.NotAuthenticated) {
            status = 401;
        } else if (e instanceof StrategyPermissions.NotPermitted) {
            status = 403;
        } else if (e instanceof IllegalArgumentException || e instanceof JsonValidationException
                || e instanceof JsonProcessingException) {
            status = 400;
        } else {
            status = 500;
        }
        calls.add("failure:" + status);
        return new ApiResponse(status, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
    }

    public ApiResponse order(Object answered, Boolean conflicting) {
        calls.add("order:" + answered + "/" + conflicting);
        return new ApiResponse(Boolean.TRUE.equals(conflicting) ? 409 : 200, "{\"order\":\"" + answered + "\"}");
    }

    public ApiResponse find(Object reader, String id) {
        calls.add("find:" + reader + "/" + id);
        return new ApiResponse(200, "{\"found\":\"" + id + "\"}");
    }
}
