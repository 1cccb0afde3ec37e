package kisgateway.kis.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful ({@code rt_cd "0"}) answer: the body and the {@code tr_cont} response header. */
public record KisResponse(String trId, JsonNode body, String trCont) {

    /** {@code tr_cont} F or M: KIS holds more pages; D or E (or nothing): this was the last. */
    public boolean hasMorePages() {
        return "F".equals(trCont) || "M".equals(trCont);
    }

    @Override
    public String toString() {
        return "KisResponse[" + trId + ", tr_cont=" + trCont + "]";
    }
}
