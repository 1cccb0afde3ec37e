package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kisgateway.kis.error.KisPermissionDenied;
import kisgateway.kis.error.KisUnsupportedInMode;
import kisgateway.kis.rest.BuyingPowerQuery;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.kis.rest.DailyExecution;
import kisgateway.kis.rest.DailyExecutionQuery;
import kisgateway.kis.rest.OrderAck;
import kisgateway.kis.rest.OrderCancellation;
import kisgateway.kis.rest.OrderDivision;
import kisgateway.kis.rest.OrderRevision;
import kisgateway.sim.KisEnv;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The paper/live mapping end to end: the adapter in SIM mode (the real protocol) against a REAL-env simulator and
 * in PAPER mode against a PAPER-env simulator, in both TR generations, calls every function; each simulator
 * accepts only the TRs of its own domain, so a success proves the table row. The TR IDs that went on the wire are
 * read from the adapter's own per-call log line. The limits are raised: this is about TR IDs, not rates.
 */
class PaperLiveMappingAgainstSimulatorTest {

    private static final String SYMBOL = "005930";
    private static final Pattern SENT = Pattern.compile("event=kis_call tr_id=(\\S+)");

    private static KisSimulator real;
    private static KisSimulator paper;
    private static final SimAccount REAL_CURRENT = SimulatedKis.uniqueAccount("mapRC", "64000001");
    private static final SimAccount REAL_OLD = SimulatedKis.uniqueAccount("mapRO", "64000002");
    private static final SimAccount PAPER_CURRENT = SimulatedKis.uniqueAccount("mapPC", "64000003");
    private static final SimAccount PAPER_OLD = SimulatedKis.uniqueAccount("mapPO", "64000004");
    private static final SimAccount PAPER_OTHER = SimulatedKis.uniqueAccount("mapPX", "64000005");

    @BeforeAll
    static void start() {
        real = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.REAL).restLimitPerSecond(0)
                .pricePathFrozen(true).accounts(List.of(REAL_CURRENT, REAL_OLD)).build());
        paper = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER).restLimitPerSecond(0)
                .pricePathFrozen(true).accounts(List.of(PAPER_CURRENT, PAPER_OLD, PAPER_OTHER)).build());
    }

    @AfterAll
    static void stop() {
        real.close();
        paper.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "REAL,  CURRENT, TTTC0012U TTTC0011U TTTC0013U TTTC0081R CTSC9215R TTTC8434R TTTC8908R TTTC0084R FHKST01010100",
            "REAL,  OLD,     TTTC0802U TTTC0801U TTTC0803U TTTC8001R CTSC9115R TTTC8434R TTTC8908R TTTC8036R FHKST01010100",
            "PAPER, CURRENT, VTTC0012U VTTC0011U VTTC0013U VTTC0081R VTSC9215R VTTC8434R VTTC8908R FHKST01010100",
            "PAPER, OLD,     VTTC0802U VTTC0801U VTTC0803U VTTC8001R VTSC9115R VTTC8434R VTTC8908R FHKST01010100"})
    void everyFunctionIsAcceptedByTheSimulatorOfItsDomain(String domain, TrGeneration generation, String expected) {
        boolean isPaper = domain.equals("PAPER");
        KisSimulator sim = isPaper ? paper : real;
        SimAccount a = isPaper ? (generation == TrGeneration.OLD ? PAPER_OLD : PAPER_CURRENT)
                : (generation == TrGeneration.OLD ? REAL_OLD : REAL_CURRENT);
        SimulatedKis kis = (isPaper ? SimulatedKis.paper(sim) : SimulatedKis.sim(sim)).permitsPerSecond(100)
                .trGeneration(generation).build();
        KisAccount account = SimulatedKis.account(a);
        sim.outside().setPosition(a.cano(), SYMBOL, 10, new BigDecimal("70000"));
        LocalDate today = sim.market().clock().nowSeoul().toLocalDate();

        Set<String> sent = new LinkedHashSet<>();
        try (LogCapture log = new LogCapture()) {
            BigDecimal lower = kis.inquiry.price(account, SYMBOL, CallTerms.query()).lowerLimit();
            OrderAck buy = kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 2, lower),
                    CallTerms.order());
            OrderAck sell = kis.trading.placeCashOrder(account,
                    CashOrder.limit(OrderSide.SELL, SYMBOL, 1, new BigDecimal("93400")), CallTerms.order());
            OrderAck revised = kis.trading.reviseOrder(account, OrderRevision.allRemainingTo(buy.orgNo(), buy.orderNo(),
                    OrderDivision.LIMIT, lower.add(new BigDecimal("100"))), CallTerms.order());
            kis.trading.cancelOrder(account, OrderCancellation.allRemaining(revised.orgNo(), revised.orderNo(),
                    OrderDivision.LIMIT), CallTerms.order());
            List<DailyExecution> orders = kis.inquiry.dailyExecutions(account,
                    DailyExecutionQuery.between(today, today), CallTerms.backfill()).stream()
                    .flatMap(p -> p.orders().stream()).toList();
            assertThat(orders).extracting(DailyExecution::orderNo)
                    .contains(buy.orderNo(), sell.orderNo(), revised.orderNo());
            kis.inquiry.dailyExecutions(account, DailyExecutionQuery.between(today.minusMonths(6),
                    today.minusMonths(4)).olderPeriod(), CallTerms.backfill()).all();
            assertThat(kis.inquiry.balance(account, CallTerms.query()).next().positions())
                    .anySatisfy(p -> assertThat(p.symbol()).isEqualTo(SYMBOL));
            assertThat(kis.inquiry.buyingPower(account, new BuyingPowerQuery(SYMBOL, lower, OrderDivision.LIMIT),
                    CallTerms.query()).orderableCash()).isPositive();
            if (isPaper) {
                // VTS has no inquire-psbl-rvsecncl: refused locally, nothing is sent
                assertThatThrownBy(() -> kis.inquiry.revisableOrders(account, CallTerms.query()))
                        .isInstanceOf(KisUnsupportedInMode.class);
            } else {
                assertThat(kis.inquiry.revisableOrders(account, CallTerms.query()).next().orders())
                        .anySatisfy(o -> assertThat(o.orderNo()).isEqualTo(sell.orderNo()));
            }
            for (String line : log.lines()) {
                Matcher m = SENT.matcher(line);
                if (m.find()) {
                    sent.add(m.group(1));
                }
            }
        }
        assertThat(sent).containsExactlyInAnyOrder(expected.trim().split("\\s+"));
        assertThat(sim.stats().count(a.appKey(), "egw00201")).isZero();
    }

    @Test
    void aRealTrOnThePaperDomainIsAPermissionError() {
        SimulatedKis realOnPaper = SimulatedKis.sim(paper).build();
        KisAccount account = SimulatedKis.account(PAPER_OTHER);
        assertThatThrownBy(() -> realOnPaper.inquiry.balance(account, CallTerms.query()).next())
                .isInstanceOfSatisfying(KisPermissionDenied.class, e -> assertThat(e.code()).isEqualTo("EGW00213"));
    }
}
