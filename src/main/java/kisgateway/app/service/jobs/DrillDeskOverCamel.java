package kisgateway.app.service.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import kisgateway.ops.drills.DrillDesk;
import kisgateway.ops.drills.DrillOrder;
import kisgateway.ops.drills.DrillSettings;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.MarketPrices;
import kisgateway.order.OrderRecord;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.limits.TickSizeTable;
import org.apache.camel.ProducerTemplate;

/**
 * The drill's desk in the running gateway: its orders go the whole way of the order flow as the drill strategy's
 * intents ({@code direct:placeDrillOrder}, on the KIS leader), and its switch is the strategy's kill switch, moved
 * under the name {@value #ACTOR} as an operator's move is (audited, and enforced by the leader's sweep).
 */
final class DrillDeskOverCamel implements DrillDesk {

    static final String ACTOR = "kill-switch-drill";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DrillSettings settings;
    private final ProducerTemplate template;
    private final JdbcOrderStore orders;
    private final KillSwitchBoard board;
    private final MarketPrices prices;
    private final TickSizeTable ticks;

    DrillDeskOverCamel(DrillSettings settings, ProducerTemplate template, JdbcOrderStore orders, KillSwitchBoard board,
                       MarketPrices prices, TickSizeTable ticks) {
        this.settings = settings;
        this.template = template;
        this.orders = orders;
        this.board = board;
        this.prices = prices;
        this.ticks = ticks;
    }

    @Override
    public long restingPrice() {
        BigDecimal last = prices.lastOrAsk(settings.account(), settings.symbol(), Duration.ofSeconds(30))
                .orElseThrow(() -> new IllegalStateException("no price for the drill symbol " + settings.symbol()));
        // on the price grid, then the configured number of ticks down it (the tick shrinks below its steps)
        BigDecimal price = last.subtract(last.remainder(ticks.tickFor(last)));
        for (int i = 0; i < settings.ticksBelow(); i++) {
            price = price.subtract(ticks.tickFor(price.subtract(BigDecimal.ONE)));
        }
        if (price.signum() <= 0) {
            throw new IllegalStateException("the drill symbol's price " + last + " has no room for "
                    + settings.ticksBelow() + " ticks under it");
        }
        return price.setScale(0, RoundingMode.DOWN).longValueExact();
    }

    @Override
    public DrillOrder place(String clientOrderId, long price) {
        ObjectNode intent = JSON.createObjectNode();
        intent.put("clientOrderId", clientOrderId);
        intent.put("account", settings.account());
        intent.put("strategyId", settings.strategy());
        intent.put("symbol", settings.symbol());
        intent.put("side", "BUY");
        intent.put("quantity", 1);
        intent.put("orderType", "00");
        intent.put("price", String.valueOf(price));
        return view(request(intent, OrderRecord.class));
    }

    @Override
    public void cancel(String clientOrderId, String targetClientOrderId) {
        ObjectNode intent = JSON.createObjectNode();
        intent.put("intent", "CANCEL");
        intent.put("clientOrderId", clientOrderId);
        intent.put("targetClientOrderId", targetClientOrderId);
        intent.put("account", settings.account());
        intent.put("strategyId", settings.strategy());
        intent.put("symbol", settings.symbol());
        intent.put("side", "BUY");
        request(intent, Object.class);
    }

    /** The order flow's own refusal (a 4xx reason, a database error), not Camel's wrapper of it. */
    private <T> T request(ObjectNode intent, Class<T> type) {
        try {
            return template.requestBody("direct:placeDrillOrder", intent.toString(), type);
        } catch (org.apache.camel.CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    public Optional<DrillOrder> order(String clientOrderId) {
        return orders.byClientOrderId(settings.strategy(), clientOrderId).map(DrillDeskOverCamel::view);
    }

    @Override
    public void halt(String reason) {
        board.switchTo(KillSwitchScope.strategy(settings.strategy()), TradingState.HALTED, ACTOR, reason);
    }

    @Override
    public void activate(String reason) {
        board.switchTo(KillSwitchScope.strategy(settings.strategy()), TradingState.ACTIVE, ACTOR, reason);
    }

    private static DrillOrder view(OrderRecord order) {
        String reason = order.rejectCode() == null ? order.rejectReason()
                : order.rejectCode() + (order.rejectReason() == null ? "" : ": " + order.rejectReason());
        return new DrillOrder(order.clientOrderId(), order.state(), reason);
    }
}
