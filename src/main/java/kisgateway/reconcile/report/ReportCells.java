package kisgateway.reconcile.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How each kind of value is written in a report cell (CSV and HTML alike). */
final class ReportCells {

    static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private ReportCells() {
    }

    static String number(long value) {
        return Long.toString(value);
    }

    /** Plain, no exponent, no trailing zeros; "" for none. */
    static String decimal(BigDecimal value) {
        if (value == null) {
            return "";
        }
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** KST with its offset, to the second; "" for none. */
    static String time(Instant value) {
        return value == null ? "" : TIME.format(value.atZone(KST));
    }

    /** Free text (KIS pads msg1 with spaces): trimmed, inner whitespace collapsed. */
    static String text(String value) {
        return value == null ? "" : value.strip().replaceAll("\\s+", " ");
    }
}
