package kisgateway.ops.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import kisgateway.risk.MutableClock;
import kisgateway.testing.ContractSchemas;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * A ticket per break on the real database: opened once however often (and however many instances at once) the
 * sync runs, updated when the finding changes, closed with its time to resolve when the break settles.
 */
class BreakTicketsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final TicketRecords records = new TicketRecords(dataSource);
    private final MutableClock clock = new MutableClock(T0);
    private final String account = "tk-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aBreakOpensOneTicketAndASecondSyncOpensNone() throws Exception {
        long breakId = records.openBreak(account, "POSITION_QUANTITY", "015760", T0, "{\"quantity\":\"50\"}");
        BreakTickets tickets = new BreakTickets(dataSource, clock, false);

        assertThat(tickets.sync(account, Map.of()).opened()).isEqualTo(1);
        assertThat(tickets.sync(account, Map.of()).total()).isZero();
        // a restarted instance: a new object, the same tables
        assertThat(new BreakTickets(dataSource, clock, false).sync(account, Map.of()).total()).isZero();

        assertThat(records.changes(account)).containsExactly("break:" + breakId + " v1 OPENED");
        TicketEvent event = new TicketOutbox(dataSource, clock).pending(10_000).stream()
                .filter(e -> e.account().equals(account)).findFirst().orElseThrow();
        ContractSchemas.assertValid("ops-ticket.schema.json", event.json());
        JsonNode body = JSON.readTree(event.json());
        assertThat(body.path("state").asText()).isEqualTo("OPEN");
        assertThat(body.path("breakId").asLong()).isEqualTo(breakId);
        assertThat(body.path("broker").path("quantity").asText()).isEqualTo("50");
        assertThat(body.path("closedAt").isNull()).isTrue();
    }

    @Test
    void instancesSyncingAtOnceOpenOneTicketPerBreak() throws Exception {
        List<Long> breaks = new ArrayList<>();
        for (String symbol : List.of("005930", "000660", "035720")) {
            breaks.add(records.openBreak(account, "POSITION_QUANTITY", symbol, T0, "{\"quantity\":\"1\"}"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Callable<BreakTickets.Changes>> syncs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // each its own "instance"; only the database is shared, as between gateways
                BreakTickets instance = new BreakTickets(dataSource, clock, false);
                syncs.add(() -> instance.sync(account, Map.of()));
            }
            int opened = 0;
            for (Future<BreakTickets.Changes> f : threads.invokeAll(syncs)) {
                opened += f.get().opened();
            }
            assertThat(opened).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
        assertThat(records.changes(account)).containsExactlyInAnyOrder(breaks.stream()
                .map(b -> "break:" + b + " v1 OPENED").toArray(String[]::new));
    }

    @Test
    void aChangedFindingUpdatesTheTicketAndTheSettleClosesIt() throws Exception {
        long breakId = records.openBreak(account, "CASH", "cash", T0, "{\"cash\":\"1000000\"}");
        BreakTickets tickets = new BreakTickets(dataSource, clock, false);
        tickets.sync(account, Map.of());

        clock.advance(Duration.ofMinutes(5));
        BreakTickets.Finding drifted = new BreakTickets.Finding("CASH of cash differs", "{\"quantity\":\"0\"}",
                "{\"cash\":\"750000\"}");
        assertThat(tickets.sync(account, Map.of(breakId, drifted)).updated()).isEqualTo(1);
        // the same finding again is no change
        assertThat(tickets.sync(account, Map.of(breakId, drifted)).total()).isZero();

        clock.advance(Duration.ofMinutes(2));
        records.resolve(breakId, T0.plus(Duration.ofMinutes(7)));
        assertThat(tickets.sync(account, Map.of()).closed()).isEqualTo(1);
        assertThat(tickets.sync(account, Map.of()).total()).isZero();

        assertThat(records.changes(account)).containsExactly("break:" + breakId + " v1 OPENED",
                "break:" + breakId + " v2 UPDATED", "break:" + breakId + " v3 CLOSED");
        List<TicketEvent> events = new TicketOutbox(dataSource, clock).pending(10_000).stream()
                .filter(e -> e.account().equals(account)).toList();
        JsonNode closed = JSON.readTree(events.get(2).json());
        ContractSchemas.assertValid("ops-ticket.schema.json", events.get(2).json());
        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("timeToResolveSeconds").asDouble()).isEqualTo(420.0);
        assertThat(closed.path("broker").path("cash").asText()).isEqualTo("750000");
        assertThat(events.get(1).state()).isEqualTo("OPEN");
    }

    @Test
    void aBreakThatSettledBeforeItsTicketWasWrittenStillGetsOneOpenedAndClosed() throws Exception {
        // the instance died between recording the break and ticketing it; the next run found it settled
        long breakId = records.openBreak(account, "ORDER_STATUS", "order-1", T0, "{\"state\":\"FILLED\"}");
        records.resolve(breakId, T0.plus(Duration.ofMinutes(1)));

        new BreakTickets(dataSource, clock, false).sync(account, Map.of());

        assertThat(records.changes(account)).containsExactly("break:" + breakId + " v1 OPENED",
                "break:" + breakId + " v2 CLOSED");
    }
}
