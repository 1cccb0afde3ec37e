package kisgateway.kis.ws;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes H0STCNT0 frames (KRX trades, plain text, docs/architecture.md#realtime-socket): {@code cnt} records of 46
 * {@code ^}-joined
 * fields in one list. Reads what the last price needs (code, time, price, hour class) and checks the shape of the
 * rest; any other shape is a {@link MalformedNotice} with the reason. Stateless and thread-safe.
 */
public final class TradePrintDecoder {

    /** KRX 실시간체결가; the same TR in live and paper. */
    public static final String TR_ID = "H0STCNT0";
    /**
     * 실시간체결가 (통합): KRX and NXT trades in one stream, the same 46 fields ([OTA]
     * examples_llm/domestic_stock/ccnl_total); live only (모의투자 미지원).
     */
    public static final String INTEGRATED_TR_ID = "H0UNCNT0";

    /** Whether the TR is one of the trade streams this decoder reads. */
    public static boolean isTradeTr(String trId) {
        return TR_ID.equals(trId) || INTEGRATED_TR_ID.equals(trId);
    }
    static final int FIELDS = 46;

    private static final int MKSC_SHRN_ISCD = 0;
    private static final int STCK_CNTG_HOUR = 1;
    private static final int STCK_PRPR = 2;
    private static final int CNTG_VOL = 12;
    private static final int ACML_VOL = 13;
    private static final int HOUR_CLS_CODE = 43;

    public List<TradePrint> decode(RealtimeFrame.DataFrame frame) throws MalformedNotice {
        if (!isTradeTr(frame.trId())) {
            throw new MalformedNotice("not a " + TR_ID + " or " + INTEGRATED_TR_ID + " frame: " + frame.trId(),
                    frame.raw());
        }
        if (frame.encrypted()) {
            throw new MalformedNotice(TR_ID + " frame marked encrypted", frame.raw());
        }
        String[] fields = frame.payload().split("\\^", -1);
        if (fields.length != frame.count() * FIELDS) {
            throw new MalformedNotice(TR_ID + " frame of " + frame.count() + " record(s) has " + fields.length
                    + " fields, expected " + FIELDS + " per record", frame.raw());
        }
        List<TradePrint> prints = new ArrayList<>(frame.count());
        for (int record = 0; record < frame.count(); record++) {
            int base = record * FIELDS;
            String symbol = fields[base + MKSC_SHRN_ISCD];
            if (symbol.isEmpty()) {
                throw new MalformedNotice(TR_ID + " record " + record + " without a symbol", frame.raw());
            }
            long price = price(fields[base + STCK_PRPR], record, frame.raw());
            LocalTime time = time(fields[base + STCK_CNTG_HOUR], record, frame.raw());
            String hourClass = fields[base + HOUR_CLS_CODE];
            prints.add(new TradePrint(symbol, price, time, hourClass.isEmpty() || hourClass.equals("0"),
                    volume(fields[base + CNTG_VOL]), volume(fields[base + ACML_VOL])));
        }
        return prints;
    }

    private static long price(String text, int record, String raw) throws MalformedNotice {
        try {
            long price = Long.parseLong(text);
            if (price > 0) {
                return price;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedNotice(TR_ID + " record " + record + " has no positive price", raw);
    }

    /** A volume the price does not depend on: unreadable is unknown (-1), not a malformed print. */
    private static long volume(String text) {
        try {
            long v = Long.parseLong(text);
            return v >= 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static LocalTime time(String text, int record, String raw) throws MalformedNotice {
        if (text.length() == 6) {
            try {
                return LocalTime.of(Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(2, 4)),
                        Integer.parseInt(text.substring(4, 6)));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // reported below
            }
        }
        throw new MalformedNotice(TR_ID + " record " + record + " has no HHMMSS time", raw);
    }
}
