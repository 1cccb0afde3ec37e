package kisgateway.kis.rest;

/**
 * Where the next page starts: {@code ctx_area_fk100}/{@code ctx_area_nk100} of the previous answer, kept exactly
 * as received (100-char space-padded, e.g. "81055689^01^N^N^01^01^N^   …") because the official client sends them
 * back untouched as {@code CTX_AREA_FK100}/{@code NK100}; trimmed only to look at them.
 */
public record PageCursor(String fk100, String nk100, boolean continuation) {

    public static final PageCursor FIRST = new PageCursor("", "", false);

    /** The {@code tr_cont} request header: "" for the first page, "N" for the next ones. */
    public String trContHeader() {
        return continuation ? "N" : "";
    }

    @Override
    public String toString() {
        return "PageCursor[fk100=" + fk100.strip() + ", nk100=" + nk100.strip() + ", next=" + continuation + "]";
    }
}
