package kisgateway.app.adapter.jmx;

import kisgateway.app.console.ConsoleOperator;
import kisgateway.app.adapter.api.TradingStateAdmin;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.TradingState;

/**
 * JMX face of the kill switches ({@code kisgateway:type=TradingStates}). A move made through Hawtio's Jolokia is
 * audited with the name of the operator logged in to the console; one made by any other JMX caller (in-process,
 * a local JMX client of the process's own user) as actor "jmx".
 */
public final class TradingStateControl implements TradingStateControlMBean {

    private final KillSwitchBoard board;
    private final TradingStateAdmin admin;

    public TradingStateControl(KillSwitchBoard board, TradingStateAdmin admin) {
        this.board = board;
        this.admin = admin;
    }

    @Override
    public String getStates() {
        return admin.list();
    }

    @Override
    public String halt(String scope, String key, String reason) {
        return move(scope, key, TradingState.HALTED, reason);
    }

    @Override
    public String reduceOnly(String scope, String key, String reason) {
        return move(scope, key, TradingState.REDUCING, reason);
    }

    @Override
    public String activate(String scope, String key, String reason) {
        return move(scope, key, TradingState.ACTIVE, reason);
    }

    private String move(String scope, String key, TradingState state, String reason) {
        String actor = ConsoleOperator.current().orElse("jmx");
        return board.switchTo(admin.scope(scope, key), state, actor, reason).toString();
    }
}
