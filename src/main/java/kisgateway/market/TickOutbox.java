package kisgateway.market;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import kisgateway.kis.ws.TradePrint;

/**
 * The trades strategies lease, between the realtime session's delivery thread and the route that publishes them:
 * bounded, because a tick is worth nothing late and the delivery thread also carries the execution notices. When it
 * is full a trade is dropped and counted ({@link #dropped}), never waited for. Expected prices (auctions, VI) are not
 * trades and are not published.
 */
public final class TickOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final ZoneOffset KST_OFFSET = ZoneOffset.ofHours(9);

    private final BlockingQueue<TickMessage> queue;
    private final Predicate<String> wanted;
    private final String exchange;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param wanted   whether a strategy leases the symbol now
     * @param exchange the market the stream's trades are of (KRX for H0STCNT0)
     */
    public TickOutbox(int capacity, Predicate<String> wanted, String exchange, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wanted = wanted;
        this.exchange = exchange;
        this.clock = clock;
    }

    /** A batch of trade prints from the session; returns at once. */
    public void offer(List<TradePrint> prints) {
        LocalDate today = null;
        for (TradePrint print : prints) {
            if (!print.trade() || !wanted.test(print.symbol())) {
                continue;
            }
            if (today == null) {
                today = LocalDate.now(clock.withZone(KST));
            }
            if (!queue.offer(message(print, OffsetDateTime.of(today, print.time(), KST_OFFSET)))) {
                dropped.incrementAndGet();
            }
        }
    }

    /** Up to {@code max} ticks, oldest first; empty when none waits. */
    public List<TickMessage> drain(int max) {
        List<TickMessage> out = new ArrayList<>();
        queue.drainTo(out, max);
        return out;
    }

    /** Ticks dropped because the publisher was behind by the capacity. */
    public long dropped() {
        return dropped.get();
    }

    private TickMessage message(TradePrint print, OffsetDateTime at) {
        ObjectNode body = JSON.createObjectNode();
        body.put("symbol", print.symbol());
        body.put("price", Long.toString(print.price()));
        body.put("quantity", print.tradeVolume());
        body.put("cumulativeVolume", print.cumulativeVolume());
        body.put("time", at.toString());
        body.put("exchange", exchange);
        return new TickMessage(print.symbol(), print.price(), print.tradeVolume(), at.toString(), exchange,
                body.toString());
    }
}
