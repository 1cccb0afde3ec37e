package kisgateway.risk.limits;

import java.util.Map;
import kisgateway.risk.InstrumentKind;
import kisgateway.risk.RiskProperties;

/**
 * KRX tick tables from {@code risk.tick.*}: one for stocks (KOSPI, KOSDAQ and KONEX share it since the January 2023
 * reform) and one for exchange-traded products (ETF/ETN/ELW kept their 5-won tick).
 */
public record TickSettings(TickSizeTable stockTable, TickSizeTable etpTable) {

    /** KRX stock tick table in force since 2023-01-25 (KRX press release 2023-01-17, as reported by etoday, hankyung). */
    public static final String DEFAULT_STOCK_TABLE = "2000:1,5000:5,20000:10,50000:50,200000:100,500000:500,*:1000";
    public static final String DEFAULT_ETP_TABLE = "*:5";

    public static TickSettings fromProperties(Map<String, String> properties) {
        return from(new RiskProperties(properties));
    }

    public static TickSettings from(RiskProperties p) {
        return new TickSettings(
                TickSizeTable.parse("risk.tick.stock-table", p.string("risk.tick.stock-table", DEFAULT_STOCK_TABLE)),
                TickSizeTable.parse("risk.tick.etp-table", p.string("risk.tick.etp-table", DEFAULT_ETP_TABLE)));
    }

    public TickSizeTable tableFor(InstrumentKind kind) {
        return kind == InstrumentKind.EXCHANGE_TRADED_PRODUCT ? etpTable : stockTable;
    }
}
