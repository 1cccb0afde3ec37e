package kisgateway.kis.ws;

import java.math.BigDecimal;

/**
 * CNTG_YN=1, RFUS_YN=0: an order, revision or cancellation was received or confirmed. Slots 9/10 (CNTG_QTY,
 * CNTG_UNPR) carry the ORDER's quantity and price here, not a fill ([OTA] legacy ops_ws_sample.py labels;
 * python-kis moves the quantity when ACPT_YN=1).
 */
public record AcceptanceNotice(NoticeOrder order, AcceptanceStage stage, long quantity, BigDecimal price)
        implements ExecutionNotice {
}
