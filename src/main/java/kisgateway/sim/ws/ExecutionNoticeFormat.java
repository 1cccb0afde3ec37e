package kisgateway.sim.ws;

import java.time.format.DateTimeFormatter;

import kisgateway.sim.NoticeLayout;
import kisgateway.sim.trading.OrderEvent;

/**
 * The plain text of an H0STCNI0/H0STCNI9 record: fields joined by '^' in the order of KIS's 실시간체결통보 page
 * (docs/architecture.md#execution-notices; 26-field
 * layout, [OTA] ccnl_notice.py) or the older 23-field one. Acceptance notices (CNTG_YN 1) carry the order's
 * quantity and price in CNTG_QTY/CNTG_UNPR; fills (CNTG_YN 2) carry the fill. Numbers are zero-padded as in the
 * spec example: CNTG_QTY 10 digits, CNTG_UNPR, ODER_QTY, ODER_PRC and ORD_COND_PRC 9.
 */
final class ExecutionNoticeFormat {
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    static final String ACCOUNT_NAME = "시뮬레이터";

    private ExecutionNoticeFormat() {
    }

    static String format(OrderEvent e, NoticeLayout layout, String branch) {
        boolean fill = e.type() == OrderEvent.Type.FILLED;
        String rctfCls = fill || e.type() == OrderEvent.Type.EXPIRED ? "0" : e.action().rctfCls();
        String acptYn = switch (e.type()) {
            case FILLED -> "2";
            case EXPIRED -> "3";
            default -> "1";
        };
        String[] f = new String[layout.fieldCount()];
        f[0] = e.account().htsId();
        f[1] = e.account().accountNumber();
        f[2] = e.odno();
        f[3] = e.origOdno();
        f[4] = e.side().code();
        f[5] = rctfCls;
        f[6] = e.kind().code();
        f[7] = e.kind().condition().code();
        f[8] = e.symbol();
        f[9] = pad(e.qty(), 10);
        f[10] = pad(e.price(), 9);
        f[11] = e.time().format(HHMMSS);
        f[12] = e.type() == OrderEvent.Type.REJECTED ? "1" : "0";
        f[13] = fill ? "2" : "1";
        f[14] = acptYn;
        f[15] = branch;
        f[16] = pad(e.orderQty(), 9);
        f[17] = ACCOUNT_NAME;
        if (layout == NoticeLayout.FIELDS_26) {
            f[18] = pad(e.stopPrice(), 9);
            f[19] = "1";
            f[20] = "N";
            f[21] = "";
            f[22] = "";
            f[23] = "";
            f[24] = e.name();
            f[25] = pad(e.orderPrice(), 9);
        } else {
            f[18] = e.name();
            f[19] = "";
            f[20] = "";
            f[21] = e.name();
            f[22] = pad(e.orderPrice(), 9);
        }
        return String.join("^", f);
    }

    static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
