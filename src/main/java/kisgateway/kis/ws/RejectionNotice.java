package kisgateway.kis.ws;

import java.math.BigDecimal;

/** RFUS_YN=1: KIS or the exchange refused the order, revision or cancellation. */
public record RejectionNotice(NoticeOrder order, long quantity, BigDecimal price) implements ExecutionNotice {
}
