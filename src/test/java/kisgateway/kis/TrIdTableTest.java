package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TrIdTableTest {

    private final TrIdTable table = TrIdTable.standard();

    /** One row per cell of the table in docs/architecture.md#tr-ids; "-" is 모의투자 미지원. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "CASH_SELL, REAL, CURRENT, TTTC0011U",
            "CASH_SELL, PAPER, CURRENT, VTTC0011U",
            "CASH_SELL, REAL, OLD, TTTC0801U",
            "CASH_SELL, PAPER, OLD, VTTC0801U",
            "CASH_BUY, REAL, CURRENT, TTTC0012U",
            "CASH_BUY, PAPER, CURRENT, VTTC0012U",
            "CASH_BUY, REAL, OLD, TTTC0802U",
            "CASH_BUY, PAPER, OLD, VTTC0802U",
            "REVISE_CANCEL, REAL, CURRENT, TTTC0013U",
            "REVISE_CANCEL, PAPER, CURRENT, VTTC0013U",
            "REVISE_CANCEL, REAL, OLD, TTTC0803U",
            "REVISE_CANCEL, PAPER, OLD, VTTC0803U",
            "REVISABLE_ORDERS, REAL, CURRENT, TTTC0084R",
            "REVISABLE_ORDERS, PAPER, CURRENT, -",
            "REVISABLE_ORDERS, REAL, OLD, TTTC8036R",
            "REVISABLE_ORDERS, PAPER, OLD, -",
            "DAILY_EXECUTIONS_RECENT, REAL, CURRENT, TTTC0081R",
            "DAILY_EXECUTIONS_RECENT, PAPER, CURRENT, VTTC0081R",
            "DAILY_EXECUTIONS_RECENT, REAL, OLD, TTTC8001R",
            "DAILY_EXECUTIONS_RECENT, PAPER, OLD, VTTC8001R",
            "DAILY_EXECUTIONS_OLDER, REAL, CURRENT, CTSC9215R",
            "DAILY_EXECUTIONS_OLDER, PAPER, CURRENT, VTSC9215R",
            "DAILY_EXECUTIONS_OLDER, REAL, OLD, CTSC9115R",
            "DAILY_EXECUTIONS_OLDER, PAPER, OLD, VTSC9115R",
            "BALANCE, REAL, CURRENT, TTTC8434R",
            "BALANCE, PAPER, CURRENT, VTTC8434R",
            "BALANCE, REAL, OLD, TTTC8434R",
            "BALANCE, PAPER, OLD, VTTC8434R",
            "BUYING_POWER, REAL, CURRENT, TTTC8908R",
            "BUYING_POWER, PAPER, CURRENT, VTTC8908R",
            "BUYING_POWER, REAL, OLD, TTTC8908R",
            "BUYING_POWER, PAPER, OLD, VTTC8908R",
            "SELLABLE_QUANTITY, REAL, CURRENT, TTTC8408R",
            "SELLABLE_QUANTITY, PAPER, CURRENT, -",
            "SELLABLE_QUANTITY, REAL, OLD, TTTC8408R",
            "SELLABLE_QUANTITY, PAPER, OLD, -",
            "PRICE, REAL, CURRENT, FHKST01010100",
            "PRICE, PAPER, CURRENT, FHKST01010100",
            "PRICE, REAL, OLD, FHKST01010100",
            "PRICE, PAPER, OLD, FHKST01010100",
    })
    void everyEntry(KisFunction function, TrFamily family, TrGeneration generation, String expected) {
        Optional<String> id = table.trId(function, family, generation);
        if (expected.equals("-")) {
            assertThat(id).isEmpty();
            assertThat(table.supports(function, family)).isFalse();
        } else {
            assertThat(id).contains(expected);
        }
    }

    /** Paper TRs are the real ones with the first letter replaced by V (kis_auth.py _url_fetch), except F…/H… quotes. */
    @ParameterizedTest
    @EnumSource(KisFunction.class)
    void paperIdIsTheRealIdWithALeadingV(KisFunction function) {
        for (TrGeneration generation : TrGeneration.values()) {
            String real = table.trId(function, TrFamily.REAL, generation).orElseThrow();
            table.trId(function, TrFamily.PAPER, generation).ifPresent(paper -> {
                if (real.startsWith("F") || real.startsWith("H")) {
                    assertThat(paper).isEqualTo(real);
                } else {
                    assertThat(paper).isEqualTo("V" + real.substring(1));
                }
            });
        }
    }
}
