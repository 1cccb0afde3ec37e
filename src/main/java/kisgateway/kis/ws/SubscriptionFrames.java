package kisgateway.kis.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kisgateway.kis.auth.ApprovalKey;

/**
 * Register / release request frames (docs/architecture.md#realtime-socket): header approval_key, custtype "P",
 * tr_type "1" register or
 * "2" release (examples_llm docstrings say "0"; the spec and the code use "2"), content-type "utf-8";
 * body.input tr_id and tr_key (the HTS ID for execution notices).
 */
public final class SubscriptionFrames {

    private final ObjectMapper json;

    public SubscriptionFrames(ObjectMapper json) {
        this.json = json;
    }

    public String register(ApprovalKey approvalKey, String trId, String trKey) {
        return frame(approvalKey, "1", trId, trKey);
    }

    public String release(ApprovalKey approvalKey, String trId, String trKey) {
        return frame(approvalKey, "2", trId, trKey);
    }

    private String frame(ApprovalKey approvalKey, String trType, String trId, String trKey) {
        ObjectNode root = json.createObjectNode();
        ObjectNode header = root.putObject("header");
        header.put("approval_key", approvalKey.reveal());
        header.put("custtype", "P");
        header.put("tr_type", trType);
        header.put("content-type", "utf-8");
        ObjectNode input = root.putObject("body").putObject("input");
        input.put("tr_id", trId);
        input.put("tr_key", trKey);
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a subscription frame", e);
        }
    }
}
