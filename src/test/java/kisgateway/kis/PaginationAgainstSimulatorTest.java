package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import kisgateway.kis.error.KisPageCapReached;
import kisgateway.kis.rest.BalancePage;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.kis.rest.DailyExecution;
import kisgateway.kis.rest.DailyExecutionPage;
import kisgateway.kis.rest.DailyExecutionQuery;
import kisgateway.kis.rest.KisPages;
import kisgateway.kis.rest.OrderAck;
import kisgateway.kis.rest.OrderCancellation;
import kisgateway.kis.rest.OrderDivision;
import kisgateway.kis.rest.Position;
import kisgateway.sim.KisEnv;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.market.Instrument;
import kisgateway.sim.market.SymbolUniverse;
import kisgateway.sim.trading.HoldingView;
import kisgateway.sim.trading.OrderView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pagination to the last page in both domains (daily-ccld 100 rows real / 15 paper, balance 50 / 20): enough
 * orders and positions for several pages, every page read through {@link KisPages}, the union compared with the
 * simulator's truth. The simulator's limit is lifted and the adapter's budget raised so the orders go fast.
 */
class PaginationAgainstSimulatorTest {

    private static final String SYMBOL = "005930";
    private static final int EXTRA_SYMBOLS = 55;

    @ParameterizedTest
    @EnumSource(KisEnv.class)
    void dailyExecutionsAndBalanceAreReadToTheLastPageAndMatchTheTruth(KisEnv env) {
        boolean isPaper = env == KisEnv.PAPER;
        SimAccount a = SimulatedKis.uniqueAccount("page" + env, isPaper ? "65000002" : "65000001");
        List<Instrument> universe = new ArrayList<>(SymbolUniverse.defaults());
        for (int i = 0; i < EXTRA_SYMBOLS; i++) {
            universe.add(new Instrument(String.format(Locale.ROOT, "9%05d", i), "TEST" + i, 10_000));
        }
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().env(env).restLimitPerSecond(0)
                .pricePathFrozen(true).symbols(universe).accounts(List.of(a)).build())) {
            SimulatedKis kis = (isPaper ? SimulatedKis.paper(sim) : SimulatedKis.sim(sim)).permitsPerSecond(1_000).build();
            KisAccount account = SimulatedKis.account(a);
            int pageSize = kis.environment.pageSize(KisFunction.DAILY_EXECUTIONS_RECENT);
            assertThat(pageSize).isEqualTo(isPaper ? 15 : 100);
            BigDecimal lower = kis.inquiry.price(account, SYMBOL, CallTerms.query()).lowerLimit();
            int orders = 2 * pageSize + pageSize / 3; // three pages, the last one partly filled
            for (int i = 0; i < orders - 3; i++) {
                kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 1 + i % 5, lower),
                        CallTerms.order());
            }
            OrderAck toCancel = kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 7, lower),
                    CallTerms.order());
            kis.trading.cancelOrder(account, OrderCancellation.allRemaining(toCancel.orgNo(), toCancel.orderNo(),
                    OrderDivision.LIMIT), CallTerms.order());
            kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 1, lower), CallTerms.order());
            List<OrderView> truth = sim.truth().account(a.cano()).orders();
            assertThat(truth).hasSize(orders);

            LocalDate today = sim.market().clock().nowSeoul().toLocalDate();
            KisPages<DailyExecutionPage> pages = kis.inquiry.dailyExecutions(account,
                    DailyExecutionQuery.between(today, today), CallTerms.backfill());
            List<DailyExecutionPage> all = pages.all();
            assertThat(pages.fetched()).isEqualTo(3);
            assertThat(all.get(0).orders()).hasSize(pageSize);
            assertThat(all.get(2).orders()).hasSize(orders - 2 * pageSize);
            List<DailyExecution> rows = all.stream().flatMap(p -> p.orders().stream()).toList();
            Map<String, DailyExecution> byOrderNo = rows.stream()
                    .collect(Collectors.toMap(DailyExecution::orderNo, Function.identity()));
            assertThat(byOrderNo).as("no order twice").hasSameSizeAs(rows);
            assertThat(byOrderNo.keySet()).containsExactlyInAnyOrderElementsOf(
                    truth.stream().map(OrderView::odno).toList());
            for (OrderView o : truth) {
                DailyExecution row = byOrderNo.get(o.odno());
                assertThat(row.orderQuantity()).as(o.odno()).isEqualTo(o.qty());
                assertThat(row.symbol()).isEqualTo(o.symbol());
                if (o.odno().equals(toCancel.orderNo())) {
                    assertThat(row.remainingQuantity()).isZero();
                }
            }
            assertThat(rows).filteredOn(DailyExecution::cancelled).singleElement()
                    .satisfies(r -> assertThat(r.originalOrderNo()).endsWith(toCancel.orderNo().replaceFirst("^0+", "")));

            // balance: a position in every symbol of the universe
            for (Instrument instrument : universe) {
                sim.outside().setPosition(a.cano(), instrument.code(), 3, BigDecimal.valueOf(instrument.previousClose()));
            }
            int balancePageSize = kis.environment.pageSize(KisFunction.BALANCE);
            KisPages<BalancePage> balance = kis.inquiry.balance(account, CallTerms.query());
            List<Position> positions = balance.stream().flatMap(p -> p.positions().stream()).toList();
            assertThat(balance.fetched()).isEqualTo((universe.size() + balancePageSize - 1) / balancePageSize)
                    .isGreaterThan(1);
            assertThat(positions).extracting(Position::symbol).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sim.truth().account(a.cano()).holdings().stream()
                            .map(HoldingView::symbol).toList());
            assertThat(positions).allSatisfy(p -> assertThat(p.quantity()).isEqualTo(3));

            // an incomplete listing never passes for a complete one
            SimulatedKis capped = (isPaper ? SimulatedKis.paper(sim) : SimulatedKis.sim(sim)).permitsPerSecond(1_000)
                    .maxPages(2).store(kis.store).build(); // the stored token: KIS would refuse a re-issue (EGW00133)
            KisPages<DailyExecutionPage> cut = capped.inquiry.dailyExecutions(account,
                    DailyExecutionQuery.between(today, today), CallTerms.backfill());
            assertThatThrownBy(cut::all).isInstanceOf(KisPageCapReached.class);
        }
    }
}
