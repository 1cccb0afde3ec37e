package kisgateway.kis;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every TR ID this gateway may send, by function × host family × generation (docs/architecture.md#tr-ids).
 * An empty answer means KIS does not offer that function there ("모의투자 미지원"): the caller must refuse locally
 * instead of sending a request that VTS answers with "모의투자 TR 이 아닙니다" or MCA00124.
 */
public final class TrIdTable {

    private static final String UNSUPPORTED = "";

    private final Map<KisFunction, String[]> rows = new EnumMap<>(KisFunction.class);

    private static final TrIdTable STANDARD = new TrIdTable();

    private TrIdTable() {
        //       function                          real current   paper current  real old      paper old
        row(KisFunction.CASH_SELL,                "TTTC0011U",   "VTTC0011U",   "TTTC0801U",  "VTTC0801U");
        row(KisFunction.CASH_BUY,                 "TTTC0012U",   "VTTC0012U",   "TTTC0802U",  "VTTC0802U");
        row(KisFunction.REVISE_CANCEL,            "TTTC0013U",   "VTTC0013U",   "TTTC0803U",  "VTTC0803U");
        row(KisFunction.REVISABLE_ORDERS,         "TTTC0084R",   UNSUPPORTED,   "TTTC8036R",  UNSUPPORTED);
        row(KisFunction.DAILY_EXECUTIONS_RECENT,  "TTTC0081R",   "VTTC0081R",   "TTTC8001R",  "VTTC8001R");
        row(KisFunction.DAILY_EXECUTIONS_OLDER,   "CTSC9215R",   "VTSC9215R",   "CTSC9115R",  "VTSC9115R");
        // No renaming is recorded for the rows below: the old generation is the current one.
        row(KisFunction.BALANCE,                  "TTTC8434R",   "VTTC8434R",   "TTTC8434R",  "VTTC8434R");
        row(KisFunction.BUYING_POWER,             "TTTC8908R",   "VTTC8908R",   "TTTC8908R",  "VTTC8908R");
        row(KisFunction.SELLABLE_QUANTITY,        "TTTC8408R",   UNSUPPORTED,   "TTTC8408R",  UNSUPPORTED);
        // Quotation TRs (F…/H…) are identical on both hosts (docs/architecture.md#hosts-and-modes, kis_auth
        // _url_fetch).
        row(KisFunction.PRICE,                    "FHKST01010100", "FHKST01010100", "FHKST01010100", "FHKST01010100");
        for (KisFunction f : KisFunction.values()) {
            if (!rows.containsKey(f)) {
                throw new IllegalStateException("TR table lacks " + f);
            }
        }
    }

    public static TrIdTable standard() {
        return STANDARD;
    }

    private void row(KisFunction function, String realCurrent, String paperCurrent, String realOld, String paperOld) {
        rows.put(function, new String[] {realCurrent, paperCurrent, realOld, paperOld});
    }

    /** The TR ID, or empty when KIS does not offer the function on that host family. */
    public Optional<String> trId(KisFunction function, TrFamily family, TrGeneration generation) {
        int column = (generation == TrGeneration.OLD ? 2 : 0) + (family == TrFamily.PAPER ? 1 : 0);
        String id = rows.get(function)[column];
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    public boolean supports(KisFunction function, TrFamily family) {
        return trId(function, family, TrGeneration.CURRENT).isPresent();
    }
}
