package kisgateway.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an event brings besides the new state: broker identifiers, a fill, a reject code, a revision; plus the
 * cause and the evidence that go into the appended order event.
 */
public final class OrderChange {

    private String cause;
    private final Map<String, Object> detail = new LinkedHashMap<>();
    private String kisOrderNo;
    private String kisBranchNo;
    private Instant kisOrderTime;
    private long fillQuantity;
    private BigDecimal fillPrice;
    private String rejectCode;
    private String rejectReason;
    private String cancelOrderNo;
    private Long newQuantity;
    private BigDecimal newPrice;

    public static OrderChange because(String cause) {
        OrderChange c = new OrderChange();
        c.cause = cause;
        return c;
    }

    public OrderChange detail(String key, Object value) {
        if (value != null) {
            detail.put(key, value instanceof BigDecimal d ? d.toPlainString() : value);
        }
        return this;
    }

    public OrderChange brokerOrder(String orderNo, String branchNo, Instant orderTime) {
        this.kisOrderNo = orderNo;
        this.kisBranchNo = branchNo;
        this.kisOrderTime = orderTime;
        detail("kisOrderNo", orderNo);
        detail("kisBranchNo", branchNo);
        return this;
    }

    /** The order number KIS gave a cancel request: recorded in the chain, not as the order's own number. */
    public OrderChange cancelOrderNo(String orderNo) {
        this.cancelOrderNo = orderNo;
        detail("cancelOrderNo", orderNo);
        return this;
    }

    public OrderChange fill(long quantity, BigDecimal price) {
        this.fillQuantity = quantity;
        this.fillPrice = price;
        detail("fillQuantity", quantity);
        detail("fillPrice", price);
        return this;
    }

    public OrderChange rejection(String code, String reason) {
        this.rejectCode = code;
        this.rejectReason = reason;
        detail("rejectCode", code);
        detail("rejectReason", reason);
        return this;
    }

    public OrderChange revision(Long quantity, BigDecimal price) {
        this.newQuantity = quantity;
        this.newPrice = price;
        detail("newQuantity", quantity);
        detail("newPrice", price);
        return this;
    }

    public String cause() {
        return cause;
    }

    public Map<String, Object> detail() {
        return detail;
    }

    public String kisOrderNo() {
        return kisOrderNo;
    }

    public String kisBranchNo() {
        return kisBranchNo;
    }

    public Instant kisOrderTime() {
        return kisOrderTime;
    }

    public String cancelOrderNo() {
        return cancelOrderNo;
    }

    public long fillQuantity() {
        return fillQuantity;
    }

    public BigDecimal fillPrice() {
        return fillPrice;
    }

    public String rejectCode() {
        return rejectCode;
    }

    public String rejectReason() {
        return rejectReason;
    }

    public Long newQuantity() {
        return newQuantity;
    }

    public BigDecimal newPrice() {
        return newPrice;
    }
}
