package kisgateway.sim.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kisgateway.sim.KisEnv;
import kisgateway.sim.SimAccount;
import kisgateway.sim.market.Instrument;
import kisgateway.sim.market.KrxPhase;
import kisgateway.sim.market.MarketBoard;
import kisgateway.sim.market.PriceBand;
import kisgateway.sim.market.Quote;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.market.TickSize;
import kisgateway.sim.market.TradeTick;

/**
 * The broker and the exchange in one: books orders against buying power and positions, matches them against the
 * price path and admin prints, and keeps the accounts. Every public method takes the one lock, so the books, the
 * quotes and the order of emitted events are always consistent.
 */
public final class MatchingEngine {
    private final KisEnv env;
    private final SessionClock clock;
    private final MarketBoard board;
    private final Map<String, AccountLedger> ledgers = new LinkedHashMap<>();
    private final Map<String, List<SimOrder>> resting = new LinkedHashMap<>();
    private final OrderEventSink sink;
    private final long fillLot;
    private long nextOrderNumber;
    private long nextFillSeq = 1;
    private int exchangeRejectsPending;
    private KrxPhase lastPhase;

    /**
     * @param fillLot         largest single fill; a larger match is split into several fills (0: no split)
     * @param firstOrderNumber the first ODNO handed out
     */
    public MatchingEngine(KisEnv env, SessionClock clock, MarketBoard board, Collection<SimAccount> accounts,
                          long initialCash, long fillLot, long firstOrderNumber, OrderEventSink sink) {
        this.env = env;
        this.clock = clock;
        this.board = board;
        this.sink = sink;
        this.fillLot = fillLot;
        this.nextOrderNumber = firstOrderNumber;
        for (SimAccount account : accounts) {
            ledgers.putIfAbsent(account.cano(), new AccountLedger(account, initialCash));
        }
        this.lastPhase = clock.phase();
    }

    public KisEnv env() {
        return env;
    }

    public SessionClock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- orders

    public synchronized OrderOutcome place(OrderRequest r) {
        AccountLedger ledger = ledger(r.cano());
        Optional<Quote> found = board.quote(r.symbol());
        if (found.isEmpty()) {
            return OrderOutcome.rejected(RejectReason.UNKNOWN_SYMBOL);
        }
        Quote quote = found.get();
        KrxPhase phase = clock.phase();
        if (!r.kind().acceptedIn(phase)) {
            return OrderOutcome.rejected(RejectReason.MARKET_CLOSED);
        }
        if (r.qty() <= 0) {
            return OrderOutcome.rejected(RejectReason.INVALID_QUANTITY);
        }
        RejectReason priceProblem = checkPrice(r.kind(), r.price(), r.stopPrice(), quote.instrument().band());
        if (priceProblem != null) {
            return OrderOutcome.rejected(priceProblem);
        }
        long reservePrice = reservePrice(r.kind(), r.price(), quote);
        if (r.side().isBuy() && r.qty() * reservePrice > ledger.cash().orderable()) {
            return OrderOutcome.rejected(RejectReason.INSUFFICIENT_CASH);
        }
        if (!r.side().isBuy() && r.qty() > sellable(ledger, r.symbol())) {
            return OrderOutcome.rejected(RejectReason.INSUFFICIENT_SHARES);
        }
        ZonedDateTime at = clock.instantAt(r.receivedNanos()).atZone(SessionClock.SEOUL);
        SimOrder order = new SimOrder(nextOdno(), "", OrderAction.NEW, r.cano(), quote.instrument(), r.side(),
                r.kind(), r.qty(), r.kind().needsPrice() ? r.price() : 0, r.stopPrice(), r.exchange(), r.source(), at,
                reservePrice);
        book(ledger, order);
        emit(OrderEvent.Type.ACCEPTED, ledger, order, order.qty, order.price, 0, at);
        if (exchangeRejectsPending > 0) {
            exchangeRejectsPending--;
            order.rejectedQty = order.qty;
            release(ledger, order, order.qty);
            emit(OrderEvent.Type.REJECTED, ledger, order, order.qty, order.price, 0, at);
            return OrderOutcome.booked(order.odno, at);
        }
        work(ledger, order, quote, phase, at);
        return OrderOutcome.booked(order.odno, at);
    }

    public synchronized OrderOutcome reviseOrCancel(ReviseCancelRequest r) {
        AccountLedger ledger = ledger(r.cano());
        SimOrder orig = ledger.orders.get(r.origOdno());
        if (orig == null || !env.branchCode().equals(r.branch())) {
            return OrderOutcome.rejected(RejectReason.ORIGINAL_NOT_FOUND);
        }
        long remaining = orig.remaining();
        if (remaining <= 0) {
            return OrderOutcome.rejected(RejectReason.NOTHING_TO_REVISE);
        }
        KrxPhase phase = clock.phase();
        if (!orig.kind.acceptedIn(phase) && !phase.acceptsRegularOrders()) {
            return OrderOutcome.rejected(RejectReason.MARKET_CLOSED);
        }
        long qty = r.allQty() ? remaining : r.qty();
        if (qty <= 0 || qty > remaining) {
            return OrderOutcome.rejected(RejectReason.INVALID_QUANTITY);
        }
        ZonedDateTime at = clock.instantAt(r.receivedNanos()).atZone(SessionClock.SEOUL);
        Quote quote = board.quote(orig.instrument.code()).orElseThrow();
        if (r.action() == OrderAction.CANCEL) {
            SimOrder cancel = new SimOrder(nextOdno(), orig.odno, OrderAction.CANCEL, orig.cano, orig.instrument,
                    orig.side, orig.kind, qty, orig.price, orig.stopPrice, orig.exchange, r.source(), at, 0);
            orig.canceledQty += qty;
            release(ledger, orig, qty);
            ledger.orders.put(cancel.odno, cancel);
            unrestIfDone(orig);
            emit(OrderEvent.Type.ACCEPTED, ledger, cancel, qty, orig.price, 0, at);
            return OrderOutcome.booked(cancel.odno, at);
        }
        if (!r.kind().acceptedIn(phase)) {
            return OrderOutcome.rejected(RejectReason.MARKET_CLOSED);
        }
        RejectReason priceProblem = checkPrice(r.kind(), r.price(), r.stopPrice(), orig.instrument.band());
        if (priceProblem != null) {
            return OrderOutcome.rejected(priceProblem);
        }
        long reservePrice = reservePrice(r.kind(), r.price(), quote);
        if (orig.side.isBuy() && qty * (reservePrice - orig.reservePrice) > ledger.cash().orderable()) {
            return OrderOutcome.rejected(RejectReason.INSUFFICIENT_CASH);
        }
        SimOrder revision = new SimOrder(nextOdno(), orig.odno, OrderAction.REVISE, orig.cano, orig.instrument,
                orig.side, r.kind(), qty, r.kind().needsPrice() ? r.price() : 0, r.stopPrice(), orig.exchange,
                r.source(), at, reservePrice);
        orig.revisedAwayQty += qty;
        release(ledger, orig, qty);
        unrestIfDone(orig);
        book(ledger, revision);
        emit(OrderEvent.Type.ACCEPTED, ledger, revision, qty, revision.price, 0, at);
        work(ledger, revision, quote, phase, at);
        return OrderOutcome.booked(revision.odno, at);
    }

    /** The next {@code count} new orders are refused by the exchange after the broker accepted them. */
    public synchronized void rejectNextAtExchange(int count) {
        exchangeRejectsPending = Math.max(0, count);
    }

    // ---------------------------------------------------------------- market

    /** Runs the price path up to now; called on a timer. */
    public synchronized void advanceMarket() {
        KrxPhase phase = clock.phase();
        if (phase.matches() && !lastPhase.matches()) {
            openingCross();
        }
        lastPhase = phase;
        for (MarketBoard.Print p : board.due(clock.now(), phase)) {
            Quote q = board.quote(p.symbol()).orElseThrow();
            q.setTouch(p.askQty(), p.bidQty());
            applyPrint(q, p.price(), p.qty(), p.buyAggressor());
        }
    }

    /**
     * Prints a trade of {@code qty} shares at {@code price} (admin), so resting orders that the price crosses fill.
     * Also works when the path is frozen or outside the continuous session.
     */
    public synchronized TradeTick print(String symbol, long price, long qty, Long askQty, Long bidQty) {
        Quote q = board.quote(symbol).orElseThrow(() -> new IllegalArgumentException("unknown symbol " + symbol));
        PriceBand band = q.instrument().band();
        if (!TickSize.isOnTick(price) || !band.contains(price)) {
            throw new IllegalArgumentException("price " + price + " is off tick or outside " + band);
        }
        if (qty <= 0) {
            throw new IllegalArgumentException("qty must be positive");
        }
        if (askQty != null || bidQty != null) {
            q.setTouch(askQty != null ? askQty : q.askQty1(), bidQty != null ? bidQty : q.bidQty1());
        }
        return applyPrint(q, price, qty, price >= q.last());
    }

    public synchronized void setFrozen(boolean frozen) {
        board.setFrozen(frozen);
    }

    public synchronized boolean frozen() {
        return board.frozen();
    }

    public synchronized Optional<TradeTick> tick(String symbol) {
        return board.quote(symbol).map(Quote::tick);
    }

    public synchronized List<TradeTick> ticks() {
        List<TradeTick> all = new ArrayList<>();
        for (Quote q : board.quotes()) {
            all.add(q.tick());
        }
        return all;
    }

    public Optional<Instrument> instrument(String symbol) {
        return board.quote(symbol).map(Quote::instrument);
    }

    // ---------------------------------------------------------------- accounts

    public synchronized AccountView account(String cano) {
        return ledger(cano).view(this::lastPrice);
    }

    public synchronized List<AccountView> accounts() {
        List<AccountView> all = new ArrayList<>();
        for (AccountLedger l : ledgers.values()) {
            all.add(l.view(this::lastPrice));
        }
        return all;
    }

    /** An outside change (HTS transfer, corporate action): sets the position, leaving open sells reserved. */
    public synchronized void setPosition(String cano, String symbol, long qty, BigDecimal averagePrice) {
        if (board.quote(symbol).isEmpty()) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        if (qty < 0 || averagePrice.signum() < 0) {
            throw new IllegalArgumentException("qty and average price must not be negative");
        }
        Holding h = ledger(cano).holding(symbol);
        h.qty = qty;
        h.averagePrice = averagePrice.setScale(4, RoundingMode.HALF_UP);
        if (h.previousDayQty == 0 && h.todayBuyQty == 0 && h.todaySellQty == 0) {
            h.previousDayQty = qty;
        }
    }

    /** An outside transfer: moves the deposit by {@code delta} KRW. */
    public synchronized CashView adjustCash(String cano, long delta) {
        AccountLedger l = ledger(cano);
        l.deposit += delta;
        return l.cash();
    }

    /** An outside transfer that leaves exactly {@code settled} KRW of settled cash. */
    public synchronized CashView setSettledCash(String cano, long settled) {
        AccountLedger l = ledger(cano);
        l.deposit += settled - l.cash().settled();
        return l.cash();
    }

    // ---------------------------------------------------------------- internals

    private AccountLedger ledger(String cano) {
        AccountLedger l = ledgers.get(cano);
        if (l == null) {
            throw new IllegalArgumentException("unknown account " + cano);
        }
        return l;
    }

    private String nextOdno() {
        return String.format("%010d", nextOrderNumber++);
    }

    private long lastPrice(String symbol) {
        return board.quote(symbol).map(Quote::last).orElse(0L);
    }

    private long sellable(AccountLedger ledger, String symbol) {
        Holding h = ledger.holdings.get(symbol);
        return h == null ? 0 : h.sellable();
    }

    private static RejectReason checkPrice(OrderKind kind, long price, long stopPrice, PriceBand band) {
        if (kind.needsPrice()) {
            if (price <= 0 || !TickSize.isOnTick(price)) {
                return RejectReason.INVALID_TICK;
            }
            if (!band.contains(price)) {
                return RejectReason.PRICE_OUT_OF_BAND;
            }
        }
        if (kind.isStop()) {
            if (stopPrice <= 0) {
                return RejectReason.STOP_PRICE_REQUIRED;
            }
            if (!TickSize.isOnTick(stopPrice)) {
                return RejectReason.INVALID_TICK;
            }
            if (!band.contains(stopPrice)) {
                return RejectReason.PRICE_OUT_OF_BAND;
            }
        }
        return null;
    }

    /** A buy without a price holds buying power at the upper limit (KIS order-cash docstring). */
    private static long reservePrice(OrderKind kind, long price, Quote quote) {
        return switch (kind.pricing()) {
            case LIMIT -> price;
            case MARKET, AT_TOUCH, OWN_SIDE -> quote.instrument().band().upper();
            case PREVIOUS_CLOSE -> quote.instrument().previousClose();
            case TODAYS_CLOSE -> quote.last();
        };
    }

    private void book(AccountLedger ledger, SimOrder order) {
        ledger.orders.put(order.odno, order);
        if (order.side.isBuy()) {
            ledger.reserved += order.qty * order.reservePrice;
        } else {
            ledger.holding(order.instrument.code()).reservedForSell += order.qty;
        }
    }

    private void release(AccountLedger ledger, SimOrder order, long qty) {
        if (order.side.isBuy()) {
            ledger.reserved -= qty * order.reservePrice;
        } else {
            ledger.holding(order.instrument.code()).reservedForSell -= qty;
        }
    }

    /** What happens right after booking: execute at once, or rest. */
    private void work(AccountLedger ledger, SimOrder order, Quote quote, KrxPhase phase, ZonedDateTime at) {
        long last = quote.last();
        switch (order.kind.pricing()) {
            case PREVIOUS_CLOSE -> {
                fill(ledger, order, quote, order.remaining(), quote.instrument().previousClose(), at, true);
                return;
            }
            case TODAYS_CLOSE -> {
                fill(ledger, order, quote, order.remaining(), last, at, true);
                return;
            }
            case OWN_SIDE -> order.workingPrice = order.side.isBuy()
                    ? Math.max(quote.instrument().band().lower(), TickSize.step(last, -1))
                    : Math.min(quote.instrument().band().upper(), TickSize.step(last, 1));
            default -> {
            }
        }
        if (order.kind.isStop()) {
            order.stopTriggered = stopReached(order, last);
        }
        boolean matchingNow = phase.matches()
                || (order.kind == OrderKind.AFTER_HOURS_SINGLE_PRICE && phase == KrxPhase.AFTER_HOURS_SINGLE_PRICE);
        if (matchingNow && order.isActive() && marketable(order, last)) {
            execute(ledger, order, quote, last, at);
        }
        if (order.kind.condition() != OrderCondition.NONE && order.remaining() > 0) {
            expireRest(ledger, order, at);
        }
        if (order.remaining() > 0) {
            resting.computeIfAbsent(order.instrument.code(), k -> new ArrayList<>()).add(order);
        }
    }

    private static boolean marketable(SimOrder order, long price) {
        if (order.kind.executesAtOnce()) {
            return true;
        }
        return order.side.isBuy() ? order.workingPrice >= price : order.workingPrice <= price;
    }

    private static boolean stopReached(SimOrder order, long price) {
        return order.side.isBuy() ? price >= order.stopPrice : price <= order.stopPrice;
    }

    /** Takes liquidity at {@code price}: all of it, or what the touch shows for IOC/FOK. */
    private void execute(AccountLedger ledger, SimOrder order, Quote quote, long price, ZonedDateTime at) {
        long wanted = order.remaining();
        OrderCondition condition = order.kind.condition();
        long available = condition == OrderCondition.NONE ? wanted : quote.touchFor(order.side.isBuy());
        long take = condition == OrderCondition.FOK && available < wanted ? 0 : Math.min(wanted, available);
        if (take > 0) {
            if (condition != OrderCondition.NONE) {
                quote.consumeTouch(order.side.isBuy(), take);
            }
            fill(ledger, order, quote, take, price, at, true);
        }
    }

    /** IOC/FOK: what did not fill at once is cancelled (ACPT_YN 3 notice). */
    private void expireRest(AccountLedger ledger, SimOrder order, ZonedDateTime at) {
        long rest = order.remaining();
        order.canceledQty += rest;
        release(ledger, order, rest);
        emit(OrderEvent.Type.EXPIRED, ledger, order, rest, order.price, 0, at);
    }

    /** Fills {@code qty} at {@code price} in lots of at most {@code fillLot}; prints it on the tape if asked. */
    private void fill(AccountLedger ledger, SimOrder order, Quote quote, long qty, long price, ZonedDateTime at,
                      boolean print) {
        long left = qty;
        while (left > 0) {
            long lot = fillLot > 0 ? Math.min(fillLot, left) : left;
            left -= lot;
            order.filledQty += lot;
            order.filledAmount += lot * price;
            Holding holding = ledger.holding(order.instrument.code());
            if (order.side.isBuy()) {
                ledger.reserved -= lot * order.reservePrice;
                ledger.todayBuyAmount += lot * price;
                holding.buy(lot, price);
            } else {
                ledger.todaySellAmount += lot * price;
                holding.sell(lot);
            }
            Fill f = new Fill(nextFillSeq++, ledger.account.cano(), order.odno, order.instrument.code(), order.side,
                    lot, price, at);
            ledger.fills.add(f);
            emit(OrderEvent.Type.FILLED, ledger, order, lot, price, f.seq(), at);
        }
        if (print) {
            sink.onTrade(quote.trade(price, qty, order.side.isBuy(), at));
        }
    }

    private TradeTick applyPrint(Quote quote, long price, long qty, boolean buyAggressor) {
        ZonedDateTime at = clock.nowSeoul();
        TradeTick tick = quote.trade(price, qty, buyAggressor, at);
        sink.onTrade(tick);
        List<SimOrder> orders = resting.get(quote.instrument().code());
        if (orders == null || orders.isEmpty()) {
            return tick;
        }
        long volume = qty;
        for (Iterator<SimOrder> it = orders.iterator(); it.hasNext(); ) {
            SimOrder o = it.next();
            if (o.remaining() <= 0) {
                it.remove();
                continue;
            }
            if (o.kind.isStop() && !o.stopTriggered && stopReached(o, price)) {
                o.stopTriggered = true;
            }
            if (volume > 0 && o.isActive() && marketable(o, price)) {
                long fillPrice = o.kind.executesAtOnce() ? price : o.workingPrice;
                long take = Math.min(volume, o.remaining());
                volume -= take;
                fill(ledgers.get(o.cano), o, quote, take, fillPrice, at, false);
            }
            if (o.remaining() <= 0) {
                it.remove();
            }
        }
        return tick;
    }

    /** At 09:00 the orders queued since 08:30 that cross the opening price fill there in full. */
    private void openingCross() {
        ZonedDateTime at = clock.nowSeoul();
        for (Map.Entry<String, List<SimOrder>> e : resting.entrySet()) {
            Quote quote = board.quote(e.getKey()).orElseThrow();
            long open = quote.last();
            for (Iterator<SimOrder> it = e.getValue().iterator(); it.hasNext(); ) {
                SimOrder o = it.next();
                if (o.isActive() && marketable(o, open)) {
                    fill(ledgers.get(o.cano), o, quote, o.remaining(), open, at, true);
                }
                if (o.remaining() <= 0) {
                    it.remove();
                }
            }
        }
    }

    private void unrestIfDone(SimOrder order) {
        if (order.remaining() <= 0) {
            List<SimOrder> orders = resting.get(order.instrument.code());
            if (orders != null) {
                orders.remove(order);
            }
        }
    }

    private void emit(OrderEvent.Type type, AccountLedger ledger, SimOrder order, long qty, long price, long fillSeq,
                      ZonedDateTime at) {
        sink.onOrderEvent(new OrderEvent(type, ledger.account, order.odno, order.origOdno, order.side, order.action,
                order.kind, order.instrument.code(), order.instrument.name(), qty, price, order.qty, order.price,
                order.stopPrice, at, fillSeq));
    }
}
