package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import kisgateway.app.adapter.api.OrderApiResponses.ApiResponse;
import kisgateway.order.ParentAlgorithm;
import kisgateway.order.parent.ChildOrder;
import kisgateway.order.parent.JdbcParentOrderStore;
import kisgateway.order.parent.ParentOrder;
import kisgateway.order.parent.ParentProgress;

/** The REST answer to a PARENT intent or its cancel: the parent, its progress and its children as they stand. */
public final class ParentOrderAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final JdbcParentOrderStore store;

    public ParentOrderAnswers(JdbcParentOrderStore store) {
        this.store = store;
    }

    /** 200 with the parent, or 409 when its client order id had made a different parent before. */
    public ApiResponse answer(ParentOrder parent, Boolean conflicting) {
        ObjectNode n = view(parent, store.children(parent.parentOrderId()));
        if (Boolean.TRUE.equals(conflicting)) {
            n.put("error", "clientOrderId " + parent.clientOrderId() + " already names a different parent order");
            return new ApiResponse(409, n.toString());
        }
        return new ApiResponse(200, n.toString());
    }

    static ObjectNode view(ParentOrder p, List<ChildOrder> children) {
        ParentProgress progress = ParentProgress.of(children);
        ParentAlgorithm a = p.algorithm();
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", "PARENT");
        n.put("orderId", p.parentOrderId().toString());
        n.put("clientOrderId", p.clientOrderId());
        n.put("account", p.account());
        n.put("strategyId", p.strategyId());
        n.put("symbol", p.symbol());
        n.put("side", p.side().name());
        n.put("orderType", p.orderType().code());
        n.put("exchange", p.exchange().name());
        n.put("quantity", p.quantity());
        n.put("price", p.price() == null ? null : p.price().toPlainString());
        n.put("state", p.state().name());
        ObjectNode algorithm = n.putObject("algorithm");
        algorithm.put("type", a.kind().wireName());
        algorithm.put("start", time(a.start()));
        algorithm.put("end", time(a.end()));
        if (a.slices() > 0) {
            algorithm.put("slices", a.slices());
        }
        if (a.targetShare() != null) {
            algorithm.put("targetPercent", a.targetShare().movePointRight(2).stripTrailingZeros().toPlainString());
        }
        if (a.maxChildQuantity() > 0) {
            algorithm.put("maxChildQuantity", a.maxChildQuantity());
        }
        n.put("filledQuantity", progress.filled());
        n.put("workingQuantity", progress.working());
        n.put("avgFillPrice", progress.averagePrice() == null ? null
                : progress.averagePrice().stripTrailingZeros().toPlainString());
        ArrayNode list = n.putArray("children");
        for (ChildOrder c : children) {
            ObjectNode child = list.addObject();
            child.put("slice", c.sliceNo());
            child.put("clientOrderId", c.clientOrderId());
            child.put("quantity", c.plannedQuantity());
            child.put("state", c.state() == null ? "PLANNED" : c.state().name());
            child.put("filledQuantity", c.filledQuantity());
        }
        n.put("createdAt", time(p.createdAt()));
        n.put("updatedAt", time(p.updatedAt()));
        return n;
    }

    private static String time(Instant at) {
        return at.atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
