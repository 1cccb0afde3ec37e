package kisgateway.app.adapter.jmx;

import com.fasterxml.jackson.databind.ObjectMapper;
import kisgateway.app.console.ConsoleOperator;
import kisgateway.app.adapter.api.RolloutAdmin;
import kisgateway.risk.rollout.RolloutScope;

/**
 * JMX face of the rollout phases ({@code kisgateway:type=Rollout}). A move made through Hawtio's Jolokia is audited
 * with the name of the operator logged in to the console, so four eyes hold there too: the operator who asked for
 * a promotion cannot approve it under the same login. Any other JMX caller (in-process, a local JMX client of the
 * process's own user) acts as "jmx".
 */
public final class RolloutControl implements RolloutControlMBean {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RolloutAdmin admin;

    public RolloutControl(RolloutAdmin admin) {
        this.admin = admin;
    }

    @Override
    public String getPhases() {
        return admin.list();
    }

    @Override
    public String setPhase(String account, String strategy, String phase, String reason) {
        return admin.change(scope(account, strategy), JSON.createObjectNode().put("phase", phase).put("reason", reason).toString(),
                actor()).json();
    }

    @Override
    public String setCap(String account, String strategy, String cap, String value, String reason) {
        return admin.changeCap(scope(account, strategy), cap,
                JSON.createObjectNode().put("value", value).put("reason", reason).toString(), actor()).json();
    }

    @Override
    public String evaluateRamps() {
        return admin.evaluateRamps();
    }

    @Override
    public String approve(long changeId, String reason) {
        return admin.approve(Long.toString(changeId), reasonBody(reason), actor());
    }

    @Override
    public String withdraw(long changeId, String reason) {
        return admin.withdraw(Long.toString(changeId), reasonBody(reason), actor());
    }

    private static RolloutScope scope(String account, String strategy) {
        return strategy == null || strategy.isBlank() || strategy.equals("*")
                ? RolloutScope.account(account) : RolloutScope.strategy(account, strategy);
    }

    private static String reasonBody(String reason) {
        return reason == null || reason.isBlank() ? "" : JSON.createObjectNode().put("reason", reason).toString();
    }

    private static String actor() {
        return ConsoleOperator.current().orElse("jmx");
    }
}
