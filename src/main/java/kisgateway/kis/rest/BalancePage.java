package kisgateway.kis.rest;

import java.util.List;

public record BalancePage(List<Position> positions, CashSummary cash) {

    public BalancePage {
        positions = List.copyOf(positions);
    }
}
