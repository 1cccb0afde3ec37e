package kisgateway.kis.ws;

import java.math.BigDecimal;

/**
 * CNTG_YN=2: a (partial) fill of {@code quantity} at {@code price} (CNTG_QTY, CNTG_UNPR) at
 * {@code order().occurredAt()}. Each partial fill is its own notice; cumulative quantities are the gateway's to keep.
 */
public record FillNotice(NoticeOrder order, long quantity, BigDecimal price) implements ExecutionNotice {
}
