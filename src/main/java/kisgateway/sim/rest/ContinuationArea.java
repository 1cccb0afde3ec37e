package kisgateway.sim.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Paging as KIS does it: a call with request header tr_cont "N" and the previous answer's ctx_area_fk100 /
 * ctx_area_nk100 (sent back as query CTX_AREA_FK100 / CTX_AREA_NK100) gets the next page. Both areas are
 * 100-character, space-padded; FK100 echoes the search, NK100 holds the position and is all spaces on the last
 * page. The response header tr_cont is F (first page, more follow), M (middle), D (only page) or E (last page).
 */
final class ContinuationArea {
    static final int WIDTH = 100;

    /** One page of rows; {@code nextCursor} is the key of its last row when more follow. */
    record Page<T>(List<T> rows, boolean more, boolean continued, String nextCursor) {
        String trCont() {
            return more ? (continued ? "M" : "F") : (continued ? "E" : "D");
        }
    }

    private ContinuationArea() {
    }

    static String pad(String s) {
        return s.length() >= WIDTH ? s.substring(0, WIDTH) : s + " ".repeat(WIDTH - s.length());
    }

    static String nk100(String cano, Page<?> page) {
        return page.more() ? pad(cano + "^01^" + page.nextCursor() + "^") : pad("");
    }

    /**
     * The cursor a continuation call asks to resume after, or null for the first page: only with tr_cont "N"
     * and an NK100 of this account.
     */
    static String cursor(KisCall call, String cano) {
        String nk = call.query("CTX_AREA_NK100").trim();
        if (!call.continuation() || nk.isEmpty()) {
            return null;
        }
        String[] parts = nk.split("\\^");
        if (parts.length < 3 || !parts[0].equals(cano)) {
            return null;
        }
        return parts[2];
    }

    /** Rows after {@code cursor} in the list's order (ascending or descending by {@code key}), {@code size} of them. */
    static <T> Page<T> page(List<T> sorted, Function<T, String> key, boolean descending, String cursor, int size) {
        List<T> rows = new ArrayList<>(Math.min(size, sorted.size()));
        boolean more = false;
        for (T row : sorted) {
            if (cursor != null) {
                int cmp = key.apply(row).compareTo(cursor);
                if (descending ? cmp >= 0 : cmp <= 0) {
                    continue;
                }
            }
            if (rows.size() == size) {
                more = true;
                break;
            }
            rows.add(row);
        }
        String next = more ? key.apply(rows.get(rows.size() - 1)) : null;
        return new Page<>(rows, more, cursor != null, next);
    }
}
