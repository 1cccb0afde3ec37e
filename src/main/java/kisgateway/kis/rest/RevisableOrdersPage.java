package kisgateway.kis.rest;

import java.util.List;

public record RevisableOrdersPage(List<RevisableOrder> orders) {

    public RevisableOrdersPage {
        orders = List.copyOf(orders);
    }
}
