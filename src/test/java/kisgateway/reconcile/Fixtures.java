package kisgateway.reconcile;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kisgateway.fill.FillSource;
import kisgateway.order.Exchange;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.reconcile.snapshot.BrokerCash;
import kisgateway.reconcile.snapshot.BrokerOpenOrder;
import kisgateway.reconcile.snapshot.BrokerOrderRow;
import kisgateway.reconcile.snapshot.BrokerPosition;
import kisgateway.reconcile.snapshot.BrokerSnapshot;
import kisgateway.reconcile.snapshot.LocalFill;
import kisgateway.reconcile.snapshot.LocalOrder;
import kisgateway.reconcile.snapshot.LocalPosition;
import kisgateway.reconcile.snapshot.LocalSnapshot;
import kisgateway.reconcile.snapshot.OpenBreak;

/** Builders for snapshots of one account on one trading day (2026-11-20, KST). */
final class Fixtures {

    static final ZoneId KST = ZoneId.of("Asia/Seoul");
    static final String ACCOUNT = "acct1";
    static final String SYMBOL = "005930";

    private Fixtures() {
    }

    static Instant kst(int h, int m, int s) {
        return ZonedDateTime.of(2026, 11, 20, h, m, s, 0, KST).toInstant();
    }

    static Instant kst(String hhmmss) {
        return ZonedDateTime.of(2026, 11, 20, 0, 0, 0, 0, KST).with(LocalTime.parse(hhmmss)).toInstant();
    }

    static final Instant AS_OF = kst(10, 0, 0);

    static BigDecimal won(String v) {
        return new BigDecimal(v);
    }

    static UUID id(int n) {
        return new UUID(0, n);
    }

    static String odno(int n) {
        return String.format("%010d", n);
    }

    // ------------------------------------------------------------------ local

    static final class Order {
        UUID id;
        OrderState state = OrderState.ACKED;
        Side side = Side.BUY;
        String symbol = SYMBOL;
        OrderType type = OrderType.LIMIT;
        long qty = 10;
        BigDecimal price = won("71000");
        long filled;
        BigDecimal avg;
        List<String> numbers = new ArrayList<>();
        Instant sentAt = kst(9, 0, 0);
        Instant pendingSince;
        Duration ttl;
        String origin = "GATEWAY";

        Order(int n) {
            id = id(n);
        }

        Order state(OrderState s) {
            state = s;
            return this;
        }

        Order side(Side s) {
            side = s;
            return this;
        }

        Order symbol(String s) {
            symbol = s;
            return this;
        }

        Order qty(long q) {
            qty = q;
            return this;
        }

        Order price(String p) {
            price = p == null ? null : won(p);
            return this;
        }

        Order type(OrderType t) {
            type = t;
            return this;
        }

        Order filled(long q, String avgPrice) {
            filled = q;
            avg = avgPrice == null ? null : won(avgPrice);
            return this;
        }

        Order numbers(String... n) {
            numbers = new ArrayList<>(List.of(n));
            return this;
        }

        Order sentAt(Instant t) {
            sentAt = t;
            return this;
        }

        Order pendingSince(Instant t) {
            pendingSince = t;
            return this;
        }

        Order ttl(Duration d) {
            ttl = d;
            return this;
        }

        OrderRecord record() {
            String current = numbers.isEmpty() ? null : numbers.get(numbers.size() - 1);
            return new OrderRecord(id, "c-" + id.getLeastSignificantBits(), ACCOUNT, "strat", symbol, side, type,
                    Exchange.KRX, qty, price, state, origin, current, current == null ? null : "06010",
                    current == null ? null : sentAt, filled, avg, null, null, ttl, sentAt.minusSeconds(1),
                    sentAt, 1);
        }

        LocalOrder build() {
            return new LocalOrder(record(), numbers, sentAt, pendingSince);
        }
    }

    static Order order(int n) {
        return new Order(n);
    }

    static LocalFill fill(String fillId, UUID orderId, String kisOrderNo, Side side, long qty, String price) {
        return new LocalFill(fillId, orderId, kisOrderNo, SYMBOL, side, qty, won(price), kst(9, 30, 0),
                FillSource.STREAM);
    }

    // ------------------------------------------------------------------ broker

    static final class Row {
        String no;
        String orig = "";
        Side side = Side.BUY;
        String symbol = SYMBOL;
        String division = "00";
        long qty = 10;
        BigDecimal price = won("71000");
        Instant time = kst(9, 0, 1);
        long filled;
        BigDecimal avg = BigDecimal.ZERO;
        BigDecimal amount = BigDecimal.ZERO;
        long remaining = -1;
        long rejected;
        boolean cancelled;

        Row(String no) {
            this.no = no;
        }

        Row orig(String o) {
            orig = o;
            return this;
        }

        Row side(Side s) {
            side = s;
            return this;
        }

        Row symbol(String s) {
            symbol = s;
            return this;
        }

        Row qty(long q) {
            qty = q;
            return this;
        }

        Row price(String p) {
            price = won(p);
            return this;
        }

        Row division(String d) {
            division = d;
            return this;
        }

        Row at(Instant t) {
            time = t;
            return this;
        }

        /** filled quantity with the exact amount; the average is amount / quantity rounded as KIS shows it */
        Row filled(long q, String amountWon) {
            filled = q;
            amount = won(amountWon);
            avg = q == 0 ? BigDecimal.ZERO : amount.divide(BigDecimal.valueOf(q), 0, java.math.RoundingMode.HALF_UP);
            return this;
        }

        Row remaining(long r) {
            remaining = r;
            return this;
        }

        Row rejected(long r) {
            rejected = r;
            return this;
        }

        Row cancel() {
            cancelled = true;
            return this;
        }

        BrokerOrderRow build() {
            long rem = remaining >= 0 ? remaining : cancelled ? 0 : qty - filled - rejected;
            return new BrokerOrderRow(no, orig, "06010", symbol, side, division, qty, price, time, filled, avg, amount,
                    rem, rejected, cancelled);
        }
    }

    static Row row(String no) {
        return new Row(no);
    }

    // ------------------------------------------------------------------ snapshots

    static final class Day {
        final List<LocalOrder> orders = new ArrayList<>();
        final List<LocalFill> fills = new ArrayList<>();
        final List<LocalPosition> localPositions = new ArrayList<>();
        final List<OpenBreak> openBreaks = new ArrayList<>();
        final List<BrokerOrderRow> rows = new ArrayList<>();
        final List<BrokerPosition> brokerPositions = new ArrayList<>();
        BigDecimal expectedCash;
        BrokerCash cash;
        Instant asOf = AS_OF;

        Day order(Order o) {
            orders.add(o.build());
            return this;
        }

        Day fill(LocalFill f) {
            fills.add(f);
            return this;
        }

        Day row(Row r) {
            rows.add(r.build());
            return this;
        }

        Day localPosition(String symbol, long qty, String avg) {
            localPositions.add(new LocalPosition(symbol, qty, avg == null ? null : won(avg)));
            return this;
        }

        Day brokerPosition(String symbol, long qty, String avg) {
            brokerPositions.add(new BrokerPosition(symbol, qty, avg == null ? null : won(avg)));
            return this;
        }

        Day cash(String expected, String brokerD2) {
            expectedCash = expected == null ? null : won(expected);
            cash = new BrokerCash(won("50000000"), won(brokerD2), won(brokerD2));
            return this;
        }

        Day openBreak(long id, BreakKind kind, String subject, Instant openedAt) {
            openBreaks.add(new OpenBreak(id, kind, subject, openedAt));
            return this;
        }

        Day asOf(Instant t) {
            asOf = t;
            return this;
        }

        LocalSnapshot local() {
            return new LocalSnapshot(ACCOUNT, asOf, orders, fills, localPositions, expectedCash, openBreaks);
        }

        BrokerSnapshot broker() {
            return new BrokerSnapshot(ACCOUNT, asOf, rows, BrokerOpenOrder.derivedFrom(rows), brokerPositions, cash);
        }

        ReconciliationOutcome reconcile() {
            return reconcile(ReconciliationSettings.defaults());
        }

        ReconciliationOutcome reconcile(ReconciliationSettings settings) {
            return Reconciler.reconcile(local(), broker(), settings, asOf.plusSeconds(5));
        }
    }

    static Day day() {
        return new Day();
    }
}
