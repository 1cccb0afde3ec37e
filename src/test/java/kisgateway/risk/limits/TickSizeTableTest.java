package kisgateway.risk.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TickSizeTableTest {

    private static final TickSizeTable KRX = TickSizeTable.parse("t", TickSettings.DEFAULT_STOCK_TABLE);

    @ParameterizedTest(name = "{0} -> tick {1}, on grid {2}")
    @CsvSource({
            "1,      1,    true",
            "1999,   1,    true",
            "2000,   5,    true",
            "2001,   5,    false",
            "4995,   5,    true",
            "5000,   10,   true",
            "5005,   10,   false",
            "19990,  10,   true",
            "20000,  50,   true",
            "20010,  50,   false",
            "49950,  50,   true",
            "50000,  100,  true",
            "50050,  100,  false",
            "199900, 100,  true",
            "200000, 500,  true",
            "200100, 500,  false",
            "499500, 500,  true",
            "500000, 1000, true",
            "500500, 1000, false",
            "1234000,1000, true",
            "1000.5, 1,    false"
    })
    void krxStockTicks(BigDecimal price, BigDecimal tick, boolean onGrid) {
        assertThat(KRX.tickFor(price)).isEqualByComparingTo(tick);
        assertThat(KRX.onGrid(price)).isEqualTo(onGrid);
    }

    @Test
    void refusesMalformedTables() {
        assertThatThrownBy(() -> TickSizeTable.parse("k", "2000:1,5000:5")).hasMessageContaining("bound *");
        assertThatThrownBy(() -> TickSizeTable.parse("k", "*:1,5000:5")).hasMessageContaining("bound *");
        assertThatThrownBy(() -> TickSizeTable.parse("k", "5000:1,2000:5,*:10")).hasMessageContaining("ascending");
        assertThatThrownBy(() -> TickSizeTable.parse("k", "2000:0,*:10")).hasMessageContaining("> 0");
        assertThatThrownBy(() -> TickSizeTable.parse("k", "2000-1,*:10")).hasMessageContaining("bound:tick");
    }
}
