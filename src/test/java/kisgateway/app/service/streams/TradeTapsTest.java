package kisgateway.app.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kisgateway.kis.ws.TradePrint;
import org.junit.jupiter.api.Test;

class TradeTapsTest {

    @Test
    void aTapThatFailsLeavesTheOthersTheirBatch() {
        List<String> heard = new ArrayList<>();
        Map<String, Consumer<List<TradePrint>>> taps = new LinkedHashMap<>();
        taps.put("first", prints -> heard.add("first " + prints.size()));
        taps.put("broken", prints -> {
            throw new IllegalStateException("the review's table is gone");
        });
        taps.put("last", prints -> heard.add("last " + prints.size()));

        new TradeTaps(taps).accept(List.of());
        new TradeTaps(taps).accept(List.of());

        assertThat(heard).containsExactly("first 0", "last 0", "first 0", "last 0");
    }
}
