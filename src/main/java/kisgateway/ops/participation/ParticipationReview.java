package kisgateway.ops.participation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kisgateway.ops.tickets.ReviewTickets;

/**
 * The participation review: the trade stream's prints feed the market's volume per bucket; each round judges the
 * current and the last bucket of every symbol the stream saw against the gateway's fills. A spike opens one ticket
 * (per strategy, symbol and bucket: the ticket's unique name, so a later round, a restart or another instance opens
 * none). While a ticket is open its strategy is held REDUCING (moved there if it is ACTIVE, each round: a
 * failure or a restart between the ticket and the move is mended by the next round) until an operator clears the
 * ticket ({@link #clear}).
 */
public final class ParticipationReview {

    public static final String TICKET_KIND = "PARTICIPATION";
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The strategies' kill switches. */
    public interface StrategyBrake {
        /** To REDUCING if the strategy is ACTIVE (a HALTED one stays HALTED); nothing if it is REDUCING already. */
        void reduce(String strategyId, String reason);

        /** Back to ACTIVE if it is REDUCING (an operator's HALTED stays). */
        void release(String strategyId, String operator, String reason);
    }

    private final MarketVolume market;
    private final JdbcExecutedVolume executed;
    private final ReviewTickets tickets;
    private final StrategyBrake brake;
    private final ParticipationSettings settings;
    private final Clock clock;

    public ParticipationReview(MarketVolume market, JdbcExecutedVolume executed, ReviewTickets tickets,
                               StrategyBrake brake, ParticipationSettings settings, Clock clock) {
        this.market = market;
        this.executed = executed;
        this.tickets = tickets;
        this.brake = brake;
        this.settings = settings;
        this.clock = clock;
    }

    /** A print of the trade stream (its KST time on the gateway's trading date). */
    public void onTrade(String symbol, LocalTime time, long cumulativeVolume, long tradeVolume) {
        Instant at = clock.instant().atZone(KST).toLocalDate().atTime(time).atZone(KST).toInstant();
        market.observe(symbol, at, cumulativeVolume, tradeVolume);
    }

    /** @return the spikes this round opened a ticket for */
    public List<ParticipationSpike> review() {
        Instant current = market.bucketOf(clock.instant());
        List<ParticipationSpike> opened = new ArrayList<>();
        for (Instant bucket : List.of(current.minus(market.bucketLength()), current)) {
            Instant end = bucket.plus(market.bucketLength());
            for (String symbol : market.symbolsIn(bucket)) {
                long volume = market.volume(symbol, bucket).orElse(0L);
                Optional<ParticipationSpike> spike = ParticipationJudge.judge(symbol, bucket, end, volume,
                        executed.between(symbol, bucket, end), settings);
                if (spike.isPresent() && open(spike.get())) {
                    opened.add(spike.get());
                }
            }
        }
        for (ReviewTickets.Review r : tickets.open(TICKET_KIND)) {
            brake.reduce(strategyOf(r), "participation review, ticket " + r.ticketId() + ": " + r.summary());
        }
        return opened;
    }

    /**
     * An operator's review done: the ticket closes and, when no other participation ticket of the strategy is open,
     * the strategy goes back to ACTIVE (from REDUCING only).
     *
     * @return the ticket as it was, or empty when no such open participation ticket exists
     */
    public Optional<ReviewTickets.Review> clear(long ticketId, String operator) {
        Optional<ReviewTickets.Review> closed = tickets.close(ticketId, TICKET_KIND);
        closed.ifPresent(r -> {
            String strategy = strategyOf(r);
            boolean stillOpen = tickets.open(TICKET_KIND).stream().anyMatch(o -> strategyOf(o).equals(strategy));
            if (!stillOpen) {
                brake.release(strategy, operator, "participation review of ticket " + ticketId + " cleared by " + operator);
            }
        });
        return closed;
    }

    public List<ReviewTickets.Review> openReviews() {
        return tickets.open(TICKET_KIND);
    }

    public static String strategyOf(ReviewTickets.Review r) {
        try {
            return JSON.readTree(r.localEvidence()).path("strategyId").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("participation ticket " + r.ticketId() + " has no strategy", e);
        }
    }

    private boolean open(ParticipationSpike s) {
        String summary = String.format(java.util.Locale.ROOT, "%s: the gateway executed %d of %d shares (%.1f %%) "
                        + "in %s, most by strategy %s (%d): review it; the strategy is REDUCING until cleared",
                s.symbol(), s.gatewayVolume(), s.marketVolume(), 100 * s.share(), bucketText(s), s.strategyId(),
                s.strategyVolume());
        ObjectNode local = JSON.createObjectNode();
        local.put("strategyId", s.strategyId());
        local.put("strategyVolume", Long.toString(s.strategyVolume()));
        local.put("gatewayVolume", Long.toString(s.gatewayVolume()));
        local.put("share", String.format(java.util.Locale.ROOT, "%.4f", s.share()));
        local.put("maxShare", String.format(java.util.Locale.ROOT, "%.4f", settings.maxShare()));
        local.put("bucketStart", s.bucketStart().atZone(KST).toOffsetDateTime().toString());
        local.put("bucketEnd", s.bucketEnd().atZone(KST).toOffsetDateTime().toString());
        ObjectNode broker = JSON.createObjectNode();
        broker.put("marketVolume", Long.toString(s.marketVolume()));
        Optional<Long> ticket = tickets.open(s.ticketKey(), s.account(), TICKET_KIND, s.symbol(), summary,
                local.toString(), broker.toString());
        return ticket.isPresent();
    }

    private static String bucketText(ParticipationSpike s) {
        return s.bucketStart().atZone(KST).toLocalTime() + "-" + s.bucketEnd().atZone(KST).toLocalTime() + " KST";
    }
}
