package kisgateway.app.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kisgateway.app.adapter.api.OrderApiResponses;
import kisgateway.app.adapter.api.ParticipationAnswers;
import kisgateway.app.wiring.ParticipationWiring;
import kisgateway.kis.ws.TradePrint;
import kisgateway.ops.participation.ParticipationReview;
import kisgateway.ops.participation.ParticipationSpike;
import kisgateway.ops.tickets.TicketEvent;
import kisgateway.ops.tickets.TicketOutbox;
import kisgateway.risk.MutableClock;
import kisgateway.risk.killswitch.JdbcTradingStateStore;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.testing.ContractSchemas;
import kisgateway.testing.SharedInfrastructure;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * The participation review on the real database and kill switches, the trade stream's prints handed to its tap as
 * the realtime session hands them: a spike on one symbol sets the strategy behind it REDUCING with one ticket; an
 * operator's clear closes the ticket and lets the strategy trade again.
 */
class ParticipationReviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // 10:04 KST: the bucket 10:00-10:05 is under way
    private static final Instant NOW = Instant.parse("2026-12-07T01:04:00Z");

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final MutableClock clock = new MutableClock(NOW);
    private final KillSwitchBoard board = KillSwitchBoard.load(new JdbcTradingStateStore(dataSource), clock);
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String heavy = "pr-heavy-" + run;
    private final String light = "pr-light-" + run;
    private final String spiking = "9" + run.hashCode() % 10 + run.substring(0, 4);
    private final String quiet = "8" + run.hashCode() % 10 + run.substring(0, 4);
    private final Map<String, Object> beans = new HashMap<>();
    private final Consumer<List<TradePrint>> tap = ParticipationWiring.wire(TestConfig.load(Map.of(
            "ops.participation.bucket-ms", "300000", "ops.participation.max-share", "0.10",
            "ops.participation.min-market-volume", "1000")), dataSource, board, clock, beans);
    private final ParticipationReview review = (ParticipationReview) beans.get("participationReview");
    private final ParticipationAnswers answers = (ParticipationAnswers) beans.get("participationAnswers");

    private void fill(String strategy, String symbol, long quantity, Instant at) throws Exception {
        UUID order = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into orders (order_id, client_order_id, account, "
                    + "strategy_id, symbol, side, order_type, quantity, state, kis_order_no) values "
                    + "(?,?,'acct1',?,?,'BUY','01',?,'FILLED',?)")) {
                ps.setObject(1, order);
                ps.setString(2, "pr-" + order);
                ps.setString(3, strategy);
                ps.setString(4, symbol);
                ps.setLong(5, quantity);
                ps.setString(6, order.toString().substring(0, 10));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into fills (fill_id, order_id, account, kis_order_no, "
                    + "symbol, side, quantity, price, occurred_at, cumulative_quantity, source, counted_quantity) values "
                    + "(?,?,'acct1',?,?,'BUY',?,70000,?,?,'STREAM',?)")) {
                ps.setString(1, "pr-fill-" + order);
                ps.setObject(2, order);
                ps.setString(3, order.toString().substring(0, 10));
                ps.setString(4, symbol);
                ps.setLong(5, quantity);
                ps.setTimestamp(6, Timestamp.from(at));
                ps.setLong(7, quantity);
                ps.setLong(8, quantity);
                ps.executeUpdate();
            }
        }
    }

    private static TradePrint print(String symbol, String time, long quantity, long cumulative) {
        return new TradePrint(symbol, 70000, LocalTime.parse(time), true, quantity, cumulative);
    }

    @Test
    void aSpikeOnOneSymbolSetsItsStrategyReducingWithOneTicketUntilAnOperatorClearsIt() throws Exception {
        Instant inBucket = Instant.parse("2026-12-07T01:01:30Z");
        fill(heavy, spiking, 600, inBucket);
        fill(light, spiking, 100, inBucket);
        fill(light, quiet, 100, inBucket);
        // the market: 4,100 shares of the spiking symbol in the bucket (700 of them the gateway's: 17 %), 50,000
        // of the quiet one; an expected price of an auction is no trade and counts nothing
        tap.accept(List.of(print(spiking, "10:00:01", 100, 100_000), print(quiet, "10:00:02", 1000, 500_000)));
        tap.accept(List.of(new TradePrint(spiking, 70000, LocalTime.parse("10:02:00"), false, 90_000, 990_000)));
        tap.accept(List.of(print(spiking, "10:03:00", 50, 104_000), print(quiet, "10:03:10", 10, 549_000)));

        List<ParticipationSpike> spikes = review.review();

        assertThat(spikes).singleElement().satisfies(s -> {
            assertThat(s.symbol()).isEqualTo(spiking);
            assertThat(s.strategyId()).isEqualTo(heavy);
            assertThat(s.marketVolume()).isEqualTo(4_100);
            assertThat(s.gatewayVolume()).isEqualTo(700);
        });
        assertThat(board.stateOf(KillSwitchScope.strategy(heavy))).isEqualTo(TradingState.REDUCING);
        assertThat(board.stateOf(KillSwitchScope.strategy(light))).isEqualTo(TradingState.ACTIVE);
        JsonNode open = JSON.readTree(answers.open());
        JsonNode mine = null;
        for (JsonNode r : open) {
            if (r.path("strategyId").asText().equals(heavy)) {
                mine = r;
            }
        }
        assertThat(mine).as(open.toString()).isNotNull();
        assertThat(mine.path("symbol").asText()).isEqualTo(spiking);
        assertThat(mine.path("market").path("marketVolume").asText()).isEqualTo("4100");
        TicketEvent opened = new TicketOutbox(dataSource, clock).pending(10_000).stream()
                .filter(e -> e.ticketId() == reviewOf(open, heavy)).findFirst().orElseThrow();
        ContractSchemas.assertValid("ops-ticket.schema.json", opened.json());
        assertThat(opened.kind()).isEqualTo("PARTICIPATION");

        // the next round, and a restarted instance's: the same bucket is not a second ticket
        clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(review.review()).isEmpty();

        // an operator moved the strategy back by hand without clearing: the open review holds it REDUCING
        board.switchTo(KillSwitchScope.strategy(heavy), TradingState.ACTIVE, "someone", "by hand");
        review.review();
        assertThat(board.stateOf(KillSwitchScope.strategy(heavy))).isEqualTo(TradingState.REDUCING);

        JsonNode cleared = JSON.readTree(answers.clear(Long.toString(reviewOf(open, heavy)), "operator"));
        assertThat(cleared.path("state").asText()).isEqualTo("CLOSED");
        assertThat(board.stateOf(KillSwitchScope.strategy(heavy))).isEqualTo(TradingState.ACTIVE);
        assertThat(board.snapshot().get(KillSwitchScope.strategy(heavy)).changedBy()).isEqualTo("operator");
        assertThatThrownBy(() -> answers.clear(Long.toString(reviewOf(open, heavy)), "operator"))
                .isInstanceOf(OrderApiResponses.NotFound.class);
        assertThatThrownBy(() -> answers.clear("12ab", "operator")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ticketId must be a number");
        review.review();
        assertThat(board.stateOf(KillSwitchScope.strategy(heavy))).isEqualTo(TradingState.ACTIVE);
    }

    private static long reviewOf(JsonNode open, String strategy) {
        for (JsonNode r : open) {
            if (r.path("strategyId").asText().equals(strategy)) {
                return r.path("ticketId").asLong();
            }
        }
        throw new AssertionError("no review of " + strategy);
    }
}
