package kisgateway.kis.ws;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import kisgateway.kis.AccountNumber;
import kisgateway.kis.OrderSide;

/**
 * Decodes execution notices (H0STCNI0 real / H0STCNI9 paper) by field layout
 * (docs/architecture.md#execution-notices): 26 fields now, 23
 * before (~2025-03, python-kis #68/#80); fields 0–17 are the same in both and ODER_PRC is the last of either.
 * A frame of {@code cnt} records is {@code cnt × N} fields in one {@code ^}-joined list. Any other shape is a
 * {@link MalformedNotice} with the reason, never a crash. Stateless apart from the caller's cipher; thread-safe.
 */
public final class FillNoticeDecoder {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    static final int CURRENT_FIELDS = 26;
    static final int OLD_FIELDS = 23;

    private static final int ACNT_NO = 1;
    private static final int ODER_NO = 2;
    private static final int OODER_NO = 3;
    private static final int SELN_BYOV_CLS = 4;
    private static final int RCTF_CLS = 5;
    private static final int ODER_KIND = 6;
    private static final int ODER_COND = 7;
    private static final int STCK_SHRN_ISCD = 8;
    private static final int CNTG_QTY = 9;
    private static final int CNTG_UNPR = 10;
    private static final int STCK_CNTG_HOUR = 11;
    private static final int RFUS_YN = 12;
    private static final int CNTG_YN = 13;
    private static final int ACPT_YN = 14;
    private static final int BRNC_NO = 15;
    private static final int ODER_QTY = 16;
    /** 26-field layout only. */
    private static final int ORD_EXG_GB = 19;
    private static final int CNTG_ISNM40_CURRENT = 24;
    private static final int CNTG_ISNM40_OLD = 21;

    /**
     * @param cipher       the subscription's cipher for encrypted frames (null for plain ones)
     * @param tradingDate  the KST date the notice belongs to (STCK_CNTG_HOUR carries only the time)
     */
    public List<ExecutionNotice> decode(RealtimeFrame.DataFrame frame, NoticeCipher cipher, LocalDate tradingDate)
            throws MalformedNotice {
        String payload = frame.payload();
        if (frame.encrypted()) {
            if (cipher == null) {
                throw new MalformedNotice("encrypted notice before any subscription key", frame.raw());
            }
            payload = cipher.decrypt(payload, frame.raw());
        }
        return decodePayload(payload, frame.count(), tradingDate, frame.raw());
    }

    /** Decodes the plain {@code ^}-joined text of {@code count} records. */
    public List<ExecutionNotice> decodePayload(String payload, int count, LocalDate tradingDate, String rawFrame)
            throws MalformedNotice {
        int fields = 1;
        for (int i = payload.indexOf('^'); i >= 0; i = payload.indexOf('^', i + 1)) {
            fields++;
        }
        if (count < 1 || fields % count != 0) {
            throw new MalformedNotice(fields + " fields do not split into " + count + " records", rawFrame);
        }
        int perRecord = fields / count;
        if (perRecord != CURRENT_FIELDS && perRecord != OLD_FIELDS) {
            throw new MalformedNotice("unknown notice layout of " + perRecord + " fields (expected 26 or 23)", rawFrame);
        }
        // bounds[k] = index of the k-th '^' (bounds[-1] = -1, bounds[fields-1] = length).
        int[] bounds = new int[fields];
        int k = 0;
        for (int i = payload.indexOf('^'); i >= 0; i = payload.indexOf('^', i + 1)) {
            bounds[k++] = i;
        }
        bounds[k] = payload.length();
        List<ExecutionNotice> notices = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            notices.add(record(new Fields(payload, bounds, r * perRecord, rawFrame), perRecord, tradingDate));
        }
        return notices;
    }

    private static ExecutionNotice record(Fields f, int layout, LocalDate tradingDate) throws MalformedNotice {
        String account = f.text(ACNT_NO);
        if (account.length() != 10 || !allDigits(account)) {
            throw f.malformed("ACNT_NO is not 10 digits");
        }
        String orderNo = f.text(ODER_NO);
        if (orderNo.isEmpty()) {
            throw f.malformed("ODER_NO is empty");
        }
        OrderSide side = OrderSide.fromCode(f.text(SELN_BYOV_CLS));
        if (side == null) {
            throw f.malformed("SELN_BYOV_CLS is neither 01 nor 02");
        }
        String symbol = f.text(STCK_SHRN_ISCD);
        if (symbol.isEmpty()) {
            throw f.malformed("STCK_SHRN_ISCD is empty");
        }
        NoticeOrder order = new NoticeOrder(new AccountNumber(account.substring(0, 8)), account.substring(8),
                orderNo, f.text(OODER_NO), side, action(f), f.text(ODER_KIND), f.text(ODER_COND), symbol,
                f.text(layout == CURRENT_FIELDS ? CNTG_ISNM40_CURRENT : CNTG_ISNM40_OLD),
                ZonedDateTime.of(tradingDate, f.time(STCK_CNTG_HOUR), KST), f.text(BRNC_NO), f.quantity(ODER_QTY),
                f.price(layout - 1), layout == CURRENT_FIELDS ? exchange(f) : NoticeExchange.UNSPECIFIED, layout);
        long quantity = f.quantity(CNTG_QTY);
        BigDecimal price = f.price(CNTG_UNPR);
        if ("1".equals(f.text(RFUS_YN))) {
            return new RejectionNotice(order, quantity, price);
        }
        String filled = f.text(CNTG_YN);
        if ("2".equals(filled)) {
            return new FillNotice(order, quantity, price);
        }
        if ("1".equals(filled)) {
            return new AcceptanceNotice(order, stage(f.text(ACPT_YN)), quantity, price);
        }
        throw f.malformed("CNTG_YN is neither 1 nor 2");
    }

    private static NoticeAction action(Fields f) throws MalformedNotice {
        switch (f.text(RCTF_CLS)) {
            case "0":
            case "":
                return NoticeAction.NEW;
            case "1":
                return NoticeAction.REVISE;
            case "2":
                return NoticeAction.CANCEL;
            default:
                throw f.malformed("RCTF_CLS is not 0, 1 or 2");
        }
    }

    private static AcceptanceStage stage(String code) {
        switch (code) {
            case "1":
                return AcceptanceStage.RECEIVED;
            case "2":
                return AcceptanceStage.CONFIRMED;
            case "3":
                return AcceptanceStage.IOC_FOK_CANCELLED;
            default:
                return AcceptanceStage.UNKNOWN;
        }
    }

    private static NoticeExchange exchange(Fields f) {
        switch (f.text(ORD_EXG_GB)) {
            case "1":
                return NoticeExchange.KRX;
            case "2":
                return NoticeExchange.NXT;
            case "3":
                return NoticeExchange.SOR_KRX;
            case "4":
                return NoticeExchange.SOR_NXT;
            default:
                return NoticeExchange.UNSPECIFIED;
        }
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** One record's view of the shared field bounds; parses without regex or intermediate arrays of strings. */
    private static final class Fields {
        private final String payload;
        private final int[] bounds;
        private final int first;
        private final String rawFrame;

        Fields(String payload, int[] bounds, int first, String rawFrame) {
            this.payload = payload;
            this.bounds = bounds;
            this.first = first;
            this.rawFrame = rawFrame;
        }

        private int start(int field) {
            int index = first + field;
            return index == 0 ? 0 : bounds[index - 1] + 1;
        }

        private int end(int field) {
            return bounds[first + field];
        }

        String text(int field) {
            int s = start(field);
            int e = end(field);
            while (s < e && payload.charAt(s) == ' ') {
                s++;
            }
            while (e > s && payload.charAt(e - 1) == ' ') {
                e--;
            }
            return payload.substring(s, e);
        }

        /** Zero-padded digits ("0000000001"); blank is zero. */
        long quantity(int field) throws MalformedNotice {
            int s = start(field);
            int e = end(field);
            long value = 0;
            boolean digits = false;
            for (int i = s; i < e; i++) {
                char c = payload.charAt(i);
                if (c == ' ') {
                    continue;
                }
                if (c < '0' || c > '9' || value > Long.MAX_VALUE / 10 - 9) {
                    throw malformed("field " + field + " is not a quantity");
                }
                value = value * 10 + (c - '0');
                digits = true;
            }
            return digits ? value : 0;
        }

        /** Whole won in zero-padded digits ("000003190"); a decimal form is accepted too; blank is zero. */
        BigDecimal price(int field) throws MalformedNotice {
            int s = start(field);
            int e = end(field);
            long value = 0;
            boolean plain = true;
            for (int i = s; i < e && plain; i++) {
                char c = payload.charAt(i);
                if (c < '0' || c > '9' || value > Long.MAX_VALUE / 10 - 9) {
                    plain = false;
                } else {
                    value = value * 10 + (c - '0');
                }
            }
            if (plain) {
                return BigDecimal.valueOf(value);
            }
            String text = text(field);
            if (text.isEmpty()) {
                return BigDecimal.ZERO;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException ex) {
                throw malformed("field " + field + " is not a price");
            }
        }

        /** HHMMSS. */
        LocalTime time(int field) throws MalformedNotice {
            int s = start(field);
            if (end(field) - s != 6) {
                throw malformed("STCK_CNTG_HOUR is not HHMMSS");
            }
            int[] parts = new int[3];
            for (int p = 0; p < 3; p++) {
                char a = payload.charAt(s + 2 * p);
                char b = payload.charAt(s + 2 * p + 1);
                if (a < '0' || a > '9' || b < '0' || b > '9') {
                    throw malformed("STCK_CNTG_HOUR is not HHMMSS");
                }
                parts[p] = (a - '0') * 10 + (b - '0');
            }
            if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59) {
                throw malformed("STCK_CNTG_HOUR is not a time of day");
            }
            return LocalTime.of(parts[0], parts[1], parts[2]);
        }

        MalformedNotice malformed(String reason) {
            return new MalformedNotice(reason, rawFrame);
        }
    }
}
