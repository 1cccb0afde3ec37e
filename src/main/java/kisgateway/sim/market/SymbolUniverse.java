package kisgateway.sim.market;

import java.util.List;

/** The default symbols: large KOSPI names with closes of late 2025, spread over every tick-size bracket. */
public final class SymbolUniverse {
    private SymbolUniverse() {
    }

    public static List<Instrument> defaults() {
        return List.of(
                new Instrument("005930", "삼성전자", 71_900, 5_919_637_922L),
                new Instrument("000660", "SK하이닉스", 215_500, 728_002_365L),
                new Instrument("035420", "NAVER", 211_000, 158_437_008L),
                new Instrument("005380", "현대차", 214_000, 209_416_191L),
                new Instrument("035720", "카카오", 41_350, 442_047_314L),
                new Instrument("051910", "LG화학", 312_500, 70_592_343L),
                new Instrument("068270", "셀트리온", 178_700, 216_889_094L),
                new Instrument("105560", "KB금융", 82_300, 381_462_103L),
                new Instrument("015760", "한국전력", 22_150, 641_964_077L),
                new Instrument("010140", "삼성중공업", 11_250, 880_000_000L),
                new Instrument("001510", "SK증권", 612, 438_000_000L));
    }
}
