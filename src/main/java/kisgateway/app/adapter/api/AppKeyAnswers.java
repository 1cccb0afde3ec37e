package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kisgateway.ops.appkeys.AppKeyLiveness;
import kisgateway.ops.appkeys.AppKeyStatus;

/** GET /api/admin/app-keys: each key's expiry and idle time as JSON (docs/openapi.json), never the key itself. */
public final class AppKeyAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppKeyLiveness liveness;

    public AppKeyAnswers(AppKeyLiveness liveness) {
        this.liveness = liveness;
    }

    public String statuses() {
        ArrayNode out = JSON.createArrayNode();
        for (AppKeyStatus s : liveness.statuses()) {
            ObjectNode n = out.addObject();
            n.put("appKey", s.label());
            s.accounts().forEach(n.putArray("accounts")::add);
            if (s.expiresOn() == null) {
                n.putNull("expiresOn");
                n.putNull("expiryDaysLeft");
            } else {
                n.put("expiresOn", s.expiresOn().toString());
                n.put("expiryDaysLeft", s.expiryDaysLeft());
            }
            if (s.lastSuccess() == null) {
                n.putNull("lastSuccessAt");
            } else {
                n.put("lastSuccessAt", s.lastSuccess().toString());
            }
            n.put("idleSeconds", s.idle().toSeconds());
            n.put("expiryWarning", s.expiryWarning());
            n.put("idleWarning", s.idleWarning());
            // this instance's check (the KIS leader's is the one that alerts)
            liveness.lastCheck().ifPresentOrElse(t -> n.put("lastCheckedAt", t.toString()), () -> n.putNull("lastCheckedAt"));
        }
        return out.toString();
    }
}
