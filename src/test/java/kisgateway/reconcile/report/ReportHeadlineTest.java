package kisgateway.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import kisgateway.reconcile.BreakKind;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportHeadlineTest {

    record Case(String name, UnaryOperator<DailyReport> change, boolean clean, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static DailyReport with(DailyReport r, List<DailyReport.PositionLine> positions, List<DailyReport.CashLine> cash,
                            List<DailyReport.BreakLine> breaks, List<DailyReport.RunLine> runs) {
        return new DailyReport(r.tradingDate(), r.generatedAt(), r.accounts(), r.ordersByState(), r.fills(), positions,
                cash, breaks, r.rejects(), r.rateBudget(), r.reconnects(), runs, r.orderLatenciesMs());
    }

    static Stream<Case> cases() {
        DailyReport.BreakLine open = new DailyReport.BreakLine("acct1", BreakKind.CASH, "cash", SampleDay.kst(11, 0),
                null, "apart");
        DailyReport.CashLine unknown = new DailyReport.CashLine("acct2", null, new BigDecimal("1"), BigDecimal.TEN);
        DailyReport.RunLine failed = new DailyReport.RunLine("acct1", "TIMER", SampleDay.kst(15, 30), null, "FAILED",
                0, 0, 0, 0, 0);
        return Stream.of(
                new Case("all agree, a break resolved during the day", r -> r, true,
                        "clean: 0 open breaks, positions and cash agree"),
                new Case("cash without an expectation is shown, not unclean", r -> with(r, r.positions(),
                        List.of(r.cash().get(0), unknown), r.breaks(), r.runs()), true,
                        "clean: 0 open breaks, positions agree, cash agrees where checked (not checked for 1 account)"),
                new Case("one open break", r -> with(r, r.positions(), r.cash(), List.of(open), r.runs()), false,
                        "NOT clean: 1 open break"),
                new Case("positions and cash apart", r -> SampleDay.unclean(), false,
                        "NOT clean: 2 open breaks, 1 position mismatch, 1 cash mismatch"),
                new Case("the last run failed", r -> with(r, r.positions(), r.cash(), r.breaks(),
                        Stream.concat(r.runs().stream(), Stream.of(failed)).toList()), false,
                        "NOT clean: 0 open breaks, last reconciliation run not succeeded for 1 account"),
                new Case("nothing was reconciled", r -> with(r, r.positions(), r.cash(), r.breaks(), List.of()), false,
                        "NOT clean: 0 open breaks, no reconciliation run"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saysAtAGlanceWhetherTheDayIsClean(Case c) {
        DailyReport report = c.change().apply(SampleDay.clean());
        ReportHeadline headline = ReportHeadline.of(report);
        assertThat(headline.clean()).isEqualTo(c.clean());
        assertThat(headline.text()).isEqualTo(c.text());
        Element shown = Jsoup.parse(ReportHtmlRenderer.render(report)).getElementById("headline");
        assertThat(shown.text()).isEqualTo(c.text());
        assertThat(shown.hasClass(c.clean() ? "clean" : "unclean")).isTrue();
        assertThat(shown.hasClass(c.clean() ? "unclean" : "clean")).isFalse();
    }
}
