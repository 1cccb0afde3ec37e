package kisgateway.kis.rest;

import java.math.BigDecimal;

/**
 * inquire-daily-ccld {@code output2} (a single object). The spec's Korean labels of the last three fields are
 * shifted; the names here follow the field names (docs/architecture.md#tr-ids).
 */
public record DailyExecutionSummary(long totalOrderQuantity, long totalFilledQuantity, BigDecimal totalFilledAmount,
                                    BigDecimal estimatedFees, BigDecimal averagePurchasePrice) {
}
