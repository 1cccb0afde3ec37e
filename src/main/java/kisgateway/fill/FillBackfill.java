package kisgateway.fill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import kisgateway.kis.KisAccount;
import kisgateway.kis.OrderSide;
import kisgateway.kis.error.KisBudgetExpired;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.DailyExecution;
import kisgateway.kis.rest.DailyExecutionQuery;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.order.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes gaps in the execution-notice stream: reads today's orders from KIS inquire-daily-ccld (every page, at
 * backfill priority of the app key's budget) and, wherever KIS reports more filled for an order number than the
 * fills table holds, records the difference as a fill marked BACKFILL, through the same de-duplicating path as
 * the stream. The inquiry gives only a cumulative quantity and an average price per order number, so the
 * missing part gets the implied price: (KIS average x KIS quantity - what we hold) / missing quantity.
 */
public final class FillBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(FillBackfill.class);
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final KisInquiryApi inquiry;
    private final Function<String, KisAccount> accounts;
    private final FillBook fills;
    private final BackfillQueue queue;
    private final Clock clock;

    public FillBackfill(KisInquiryApi inquiry, Function<String, KisAccount> accounts, FillBook fills, BackfillQueue queue,
                        Clock clock) {
        this.inquiry = inquiry;
        this.accounts = accounts;
        this.fills = fills;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Runs the backfills that are due and tells the queue what each found, account by account as they finish.
     * An account whose backfill fails is asked for again (the gap is still there) and the others still run. No
     * send slot within the backfill's time-to-live is the budget busy with orders, which go first by design: a
     * line in the log, not an error. Any other failure is thrown once every due account had its turn.
     *
     * @return what the backfills that ran found, per account
     */
    public List<BackfillQueue.Checked> runDue() {
        List<BackfillQueue.Checked> done = new ArrayList<>();
        RuntimeException failure = null;
        for (BackfillQueue.Due due : queue.takeDue()) {
            try {
                Instant readAt = clock.instant();
                BackfillQueue.Checked checked = new BackfillQueue.Checked(due.account(), due.reason(),
                        backfill(due.account(), FillSource.BACKFILL), readAt);
                done.add(checked);
                queue.checked(checked);
            } catch (KisBudgetExpired e) {
                queue.request(due.account(), due.reason());
                LOG.warn("backfill postponed: no send slot free for it account={} reason=\"{}\"", due.account(),
                        e.getMessage());
            } catch (RuntimeException e) {
                queue.request(due.account(), due.reason());
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return done;
    }

    /** Compares every order number of today with the fills table and records what is missing. */
    public int backfill(String account, FillSource source) {
        LocalDate today = LocalDate.now(clock.withZone(KST));
        KisAccount kisAccount = accounts.apply(account);
        int recovered = 0;
        int compared = 0;
        var pages = inquiry.dailyExecutions(kisAccount, DailyExecutionQuery.between(today, today), CallTerms.backfill());
        while (pages.hasNext()) {
            for (DailyExecution row : pages.next().orders()) {
                compared++;
                if (row.filledQuantity() <= 0) {
                    continue;
                }
                FillBook.Filled held = fills.filled(account, row.orderNo());
                long missing = row.filledQuantity() - held.quantity();
                if (missing <= 0) {
                    if (missing < 0) {
                        LOG.warn("more filled locally than KIS reports account={} odno={} local={} kis={}", account,
                                row.orderNo(), held.quantity(), row.filledQuantity());
                    }
                    continue;
                }
                BigDecimal price = row.averageFillPrice().multiply(BigDecimal.valueOf(row.filledQuantity()))
                        .subtract(held.value()).divide(BigDecimal.valueOf(missing), 0, RoundingMode.HALF_UP);
                Side side = row.side() == OrderSide.BUY ? Side.BUY : Side.SELL;
                FillOutcome outcome = fills.recordInferred(account, row.orderNo(), row.symbol(), side, missing, price,
                        clock.instant(), row.filledQuantity(), source);
                if (outcome instanceof FillOutcome.Recorded) {
                    recovered++;
                    LOG.info("fill recovered from inquire-daily-ccld account={} odno={} qty={} price={} source={}",
                            account, row.orderNo(), missing, price, source);
                }
            }
        }
        LOG.info("backfill done account={} ordersCompared={} fillsRecovered={}", account, compared, recovered);
        return recovered;
    }
}
