package kisgateway.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.risk.RiskInputs;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;

/**
 * One read of an account's book, for one evaluation of the risk gate: its positions and its working orders by
 * price level (the {@code working_levels} the database keeps, plus the moves every change of an order appended
 * since the last fold, see {@code V5__working_levels.sql} and {@link WorkingLevelFold}), in a single statement that
 * reads a few rows however many orders rest; every question of the evaluation is then answered from that read.
 * Nothing is read until the first question (a cancel asks none). A new order's book is read by its create, in the
 * same round trip ({@link ScreeningBook}); both reads hold the account's screening lock ({@link #SCREENING_LOCK}).
 *
 * <p>Working orders count when they are or may soon be at KIS: INTENT_CREATED included (an order accepted a moment
 * ago is screened, or about to be, on another consumer, so two orders screened at once see each other and no limit
 * is passed twice by orders that each fit alone), RECONCILE_REQUIRED included (an order of unknown fate is live
 * risk). Each level is one {@link WorkingOrder} named by one of its orders. The new order being screened is taken
 * out of its level; the order a replace revises is taken out of its level and stands as an entry of its own, so the
 * rules can leave its quantity out.
 */
final class AccountBookSnapshot implements RiskInputs {

    private static final String WORKING = "('INTENT_CREATED','SUBMITTED','ACKED','PARTIAL_FILLED',"
            + "'CANCEL_PENDING','REPLACE_PENDING','RECONCILE_REQUIRED')";

    /**
     * Rows: P = a position (symbol, quantity, avg price, realized on the trading day: a row whose last fill was on an
     * earlier day holds that day's, which is not today's); L = a level: the folded levels plus the
     * moves not folded yet (symbol, side, price with 0 for market-type, open quantity, orders, and for the order's
     * symbol one working order of the level other than the two below); X = the screened order and K = the revised
     * one (open quantity).
     */
    private static final String BOOK = "select 'P', symbol, null, null, quantity, avg_price, "
            + "case when trading_date < ? then 0 else realized_pnl_today end, null from positions where account = ? "
            + "union all "
            + "select 'L', l.symbol, l.side, l.price, l.open, null, l.orders, s.order_id::text from ("
            + "select symbol, side, price, sum(open_quantity) as open, sum(orders) as orders from ("
            + "select symbol, side, price, open_quantity, orders from working_levels where account = ? "
            + "union all select symbol, side, price, open_delta, orders_delta from working_level_moves "
            + "where account = ?) b group by symbol, side, price having sum(orders) > 0) l "
            + "left join lateral (select w.order_id from orders w where w.account = ? and w.symbol = l.symbol "
            + "and w.side = l.side and coalesce(w.price, 0) = l.price and w.order_id is distinct from ? "
            + "and w.order_id is distinct from ? and w.state in " + WORKING + " and w.quantity > w.filled_quantity "
            + "and (? or w.symbol = ?) limit 1) s on true "
            + "union all "
            + "select case when order_id = ? then 'X' else 'K' end, symbol, side, coalesce(price, 0), "
            + "quantity - filled_quantity, null, null, order_id::text from orders where order_id in (?, ?) "
            + "and account = ? and state in " + WORKING + " and quantity > filled_quantity";

    /**
     * Every read of a book for a screening first takes the account's screening lock, and a new order's create
     * takes it too and reads the book in its own transaction ({@link JdbcOrderStore#create}): of two
     * orders of one account screened at once, on any instance, the later one's read sees the other.
     */
    static final String SCREENING_LOCK = "select pg_advisory_xact_lock(hashtext('kis-gateway screening ' || ?))";

    private final DataSource dataSource;
    private final MarketPrices prices;
    private final String account;
    private final String symbol;
    private final String screenedOrderRef;
    private final String keptApartRef;
    private final LocalDate tradingDay;
    private Duration askWithin = Duration.ZERO;
    private Book book;

    /**
     * @param symbol           the symbol whose working orders are read; null for all
     * @param screenedOrderRef the new order being screened (left out); null when none
     * @param keptApartRef     the order a replace revises (never merged with others); null when none
     * @param tradingDay       today in Seoul, whose realized P&amp;L counts
     */
    AccountBookSnapshot(DataSource dataSource, MarketPrices prices, String account, String symbol,
                        String screenedOrderRef, String keptApartRef, LocalDate tradingDay) {
        this.dataSource = dataSource;
        this.prices = prices;
        this.account = Objects.requireNonNull(account, "account");
        this.symbol = symbol;
        this.screenedOrderRef = screenedOrderRef;
        this.keptApartRef = keptApartRef;
        this.tradingDay = tradingDay;
    }

    /** Answers from a book read with the order's create; reads nothing more. */
    AccountBookSnapshot(MarketPrices prices, ScreeningBook read) {
        this(prices, read, Duration.ZERO);
    }

    /**
     * As above, asking KIS within {@code askWithin} for the price of a held symbol this process has never seen: a new
     * KIS leader holds no price of what the one before it bought, and without one the account's exposure and P&L
     * would be unknown (the order denied) until something else priced the symbol.
     */
    AccountBookSnapshot(MarketPrices prices, ScreeningBook read, Duration askWithin) {
        this(null, prices, read.account(), read.symbol(), read.screenedOrderRef(), null, null);
        this.book = read.book();
        this.askWithin = askWithin;
    }

    private Optional<BigDecimal> priceOf(String account, String symbol) {
        return askWithin.compareTo(Duration.ofMillis(1)) > 0 ? prices.lastOrAsk(account, symbol, askWithin)
                : prices.last(symbol);
    }

    @Override
    public long positionQuantity(String account, String symbol) {
        return book(account).positions.stream().filter(h -> h.symbol.equals(symbol)).mapToLong(h -> h.quantity)
                .findFirst().orElse(0);
    }

    @Override
    public List<WorkingOrder> workingOrders(String account) {
        return workingOrders(account, screenedOrderRef);
    }

    @Override
    public List<WorkingOrder> workingOrders(String account, String screenedOrderRef) {
        requireReadWithout(screenedOrderRef);
        return book(account).working;
    }

    @Override
    public Optional<BigDecimal> lastPrice(String symbol) {
        return prices.last(symbol);
    }

    /** Realized today plus unrealized at the last prices; unknown if any held symbol has no price. */
    @Override
    public Optional<BigDecimal> dailyPnl(String account) {
        BigDecimal total = BigDecimal.ZERO;
        for (Holding h : book(account).positions) {
            total = total.add(h.realizedToday);
            if (h.quantity != 0) {
                Optional<BigDecimal> last = priceOf(account, h.symbol);
                if (last.isEmpty() || h.avgPrice == null) {
                    return Optional.empty();
                }
                total = total.add(last.get().subtract(h.avgPrice).multiply(BigDecimal.valueOf(h.quantity)));
            }
        }
        return Optional.of(total);
    }

    @Override
    public Optional<BigDecimal> grossExposure(String account) {
        return grossExposure(account, screenedOrderRef);
    }

    /** Positions at the last price, priced working buys at their limit, market-type buys at the last price. */
    @Override
    public Optional<BigDecimal> grossExposure(String account, String screenedOrderRef) {
        requireReadWithout(screenedOrderRef);
        Book b = book(account);
        BigDecimal total = b.pricedBuys;
        for (Holding h : b.positions) {
            if (h.quantity != 0) {
                Optional<BigDecimal> last = priceOf(account, h.symbol);
                if (last.isEmpty()) {
                    return Optional.empty();
                }
                total = total.add(last.get().multiply(BigDecimal.valueOf(Math.abs(h.quantity))));
            }
        }
        for (Holding m : b.marketBuys) {
            Optional<BigDecimal> last = priceOf(account, m.symbol);
            if (last.isEmpty()) {
                return Optional.empty();
            }
            total = total.add(last.get().multiply(BigDecimal.valueOf(m.quantity)));
        }
        return Optional.of(total);
    }

    /** Every level's orders, every symbol: the levels hold the account's whole working book. */
    @Override
    public java.util.OptionalLong openOrders(String account, String screenedOrderRef) {
        requireReadWithout(screenedOrderRef);
        return java.util.OptionalLong.of(book(account).openOrders);
    }

    /** The book leaves out the order it was read for; a question about leaving out another cannot be answered. */
    private void requireReadWithout(String screenedOrderRef) {
        if (!Objects.equals(screenedOrderRef, this.screenedOrderRef)) {
            throw new IllegalArgumentException("the book was read without order " + this.screenedOrderRef
                    + ", not without " + screenedOrderRef);
        }
    }

    private Book book(String asked) {
        if (!account.equals(asked)) {
            throw new IllegalArgumentException("the book of " + account + " was read, not that of " + asked);
        }
        if (book == null) {
            book = read();
        }
        return book;
    }

    private Book read() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SCREENING_LOCK + "; " + BOOK)) {
            ps.setString(1, account);
            bindBook(ps, 2, account, symbol, uuidOrNull(screenedOrderRef), uuidOrNull(keptApartRef), tradingDay);
            // one round trip, one transaction (autocommit: the lock is released when it ends)
            ps.execute();
            if (!ps.getMoreResults()) {
                throw new SQLException("the book read returned no rows");
            }
            try (ResultSet rs = ps.getResultSet()) {
                return parseBook(rs, symbol);
            }
        } catch (SQLException e) {
            throw new OrderStoreException("book of " + account + " unreadable: " + e.getMessage(), e);
        }
    }

    /** The statement that reads a book; {@link #bindBook} fills its parameters. */
    static String bookSql() {
        return BOOK;
    }

    /**
     * @param tradingDay today in Seoul: realized P&amp;L of a position whose trading date is earlier does not count
     * @return the index of the next parameter
     */
    static int bindBook(PreparedStatement ps, int first, String account, String symbol, UUID screened, UUID apart,
                        LocalDate tradingDay) throws SQLException {
        int i = first - 1;
        ps.setObject(++i, Objects.requireNonNull(tradingDay, "tradingDay"));
        ps.setString(++i, account);
        ps.setString(++i, account);
        ps.setString(++i, account);
        ps.setString(++i, account);
        ps.setObject(++i, screened, Types.OTHER);
        ps.setObject(++i, apart, Types.OTHER);
        ps.setBoolean(++i, symbol == null);
        ps.setString(++i, symbol == null ? "" : symbol);
        ps.setObject(++i, screened, Types.OTHER);
        ps.setObject(++i, screened, Types.OTHER);
        ps.setObject(++i, apart, Types.OTHER);
        ps.setString(++i, account);
        return i + 1;
    }

    /** The rows of {@link #bookSql} as the book the questions are answered from. */
    static Book parseBook(ResultSet rs, String symbol) throws SQLException {
        List<LevelRow> levels = new ArrayList<>();
        List<LevelRow> takenOut = new ArrayList<>();
        Book b = new Book();
        while (rs.next()) {
            String kind = rs.getString(1);
            if (kind.equals("P")) {
                BigDecimal realized = rs.getBigDecimal(7);
                b.positions.add(new Holding(rs.getString(2), rs.getLong(5), rs.getBigDecimal(6),
                        realized == null ? BigDecimal.ZERO : realized));
                continue;
            }
            LevelRow row = new LevelRow(kind, rs.getString(2), Side.valueOf(rs.getString(3)),
                    rs.getBigDecimal(4), rs.getLong(5), kind.equals("L") ? rs.getInt(7) : 1,
                    rs.getString(8));
            (kind.equals("L") ? levels : takenOut).add(row);
        }
        for (LevelRow out : takenOut) {
            for (int i = 0; i < levels.size(); i++) {
                LevelRow level = levels.get(i);
                if (level.sameLevel(out)) {
                    levels.set(i, level.without(out));
                }
            }
            if (out.kind.equals("K")) {
                b.working.add(out.asWorkingOrder());
                b.addBuy(out);
                b.openOrders++;
            }
        }
        for (LevelRow level : levels) {
            if (level.orders <= 0) {
                continue;
            }
            b.openOrders += level.orders;
            if (symbol == null || symbol.equals(level.symbol)) {
                b.working.add(level.asWorkingOrder());
            }
            b.addBuy(level);
        }
        return b;
    }

    /** Order refs of this gateway are its order ids; any other ref names no row here. */
    static UUID uuidOrNull(String ref) {
        if (ref == null) {
            return null;
        }
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static final class Book {
        final List<Holding> positions = new ArrayList<>();
        final List<WorkingOrder> working = new ArrayList<>();
        final List<Holding> marketBuys = new ArrayList<>();
        BigDecimal pricedBuys = BigDecimal.ZERO;
        long openOrders;

        void addBuy(LevelRow level) {
            if (level.side != Side.BUY || level.open <= 0) {
                return;
            }
            if (level.price.signum() > 0) {
                pricedBuys = pricedBuys.add(level.price.multiply(BigDecimal.valueOf(level.open)));
            } else {
                marketBuys.add(new Holding(level.symbol, level.open, null, BigDecimal.ZERO));
            }
        }
    }

    /**
     * A level, or one order taken out of its level (X, K).
     *
     * @param price the limit price, 0 for market-type orders
     * @param ref   a working order of the level (neither the screened nor the revised one; null when the level has
     *              no other, or is not in the order's symbol), or the taken-out order
     */
    private record LevelRow(String kind, String symbol, Side side, BigDecimal price, long open, int orders, String ref) {

        boolean sameLevel(LevelRow other) {
            return symbol.equals(other.symbol) && side == other.side && price.compareTo(other.price) == 0;
        }

        LevelRow without(LevelRow out) {
            return new LevelRow(kind, symbol, side, price, Math.max(0, open - out.open), orders - 1, ref);
        }

        /** A level whose orders all changed since it was read has no name left: it is named by its place. */
        WorkingOrder asWorkingOrder() {
            String name = ref != null ? ref : "level " + symbol + " " + side + " " + price.toPlainString();
            return new WorkingOrder(name, symbol, side, price.signum() == 0 ? null : price, open);
        }
    }

    private record Holding(String symbol, long quantity, BigDecimal avgPrice, BigDecimal realizedToday) {
    }
}
