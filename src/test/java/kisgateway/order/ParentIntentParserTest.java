package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A PARENT intent's algorithm and its limits, refused with the reason before any parent exists. */
class ParentIntentParserTest {

    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private final IntentParser parser = new IntentParser(Set.of("main"), Duration.ofSeconds(2), Duration.ofSeconds(60),
            1_000_000, Clock.fixed(NOW, ZoneOffset.UTC), new ParentIntentParser(new ParentIntentParser.Limits(100,
            Duration.ofSeconds(1), Duration.ofHours(8), new BigDecimal("30"))));

    private static String parent(String algorithm) {
        return "{\"intent\":\"PARENT\",\"clientOrderId\":\"p1\",\"account\":\"main\",\"strategyId\":\"s1\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1000,\"orderType\":\"01\",\"algorithm\":"
                + algorithm + "}";
    }

    @Test
    void aTwapBySlicesOverADuration() {
        ParentIntent p = (ParentIntent) parser.parse(parent("{\"type\":\"TWAP\",\"durationSeconds\":600,\"slices\":10}"));
        assertThat(p.kind()).isEqualTo(IntentKind.PARENT);
        assertThat(p.quantity()).isEqualTo(1000);
        assertThat(p.orderType()).isEqualTo(OrderType.MARKET);
        assertThat(p.algorithm()).isEqualTo(new ParentAlgorithm(AlgorithmKind.TWAP, NOW, NOW.plusSeconds(600), 10, null, 0));
        assertThat(p.algorithm().interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aTwapByIntervalBetweenTimesAndAStartInThePastStartsNow() {
        ParentIntent p = (ParentIntent) parser.parse(parent("{\"type\":\"TWAP\",\"start\":\"2026-12-07T09:00:00+09:00\","
                + "\"end\":\"2026-12-07T10:30:00+09:00\",\"intervalSeconds\":300}"));
        assertThat(p.algorithm().start()).isEqualTo(NOW.plusSeconds(0));
        assertThat(p.algorithm().end()).isEqualTo(Instant.parse("2026-12-07T01:30:00Z"));
        assertThat(p.algorithm().slices()).isEqualTo(6);
    }

    @Test
    void aPovAndALimitSweep() {
        ParentIntent pov = (ParentIntent) parser.parse(parent("{\"type\":\"POV\",\"durationSeconds\":1800,"
                + "\"targetPercent\":\"10\",\"maxChildQuantity\":200}"));
        assertThat(pov.algorithm().targetShare()).isEqualByComparingTo("0.10");
        assertThat(pov.algorithm().maxChildQuantity()).isEqualTo(200);
        ParentIntent sweep = (ParentIntent) parser.parse(parent("{\"type\":\"LIMIT-SWEEP\",\"durationSeconds\":60}")
                .replace("\"orderType\":\"01\"", "\"orderType\":\"00\",\"price\":\"71000\""));
        assertThat(sweep.algorithm().kind()).isEqualTo(AlgorithmKind.LIMIT_SWEEP);
        assertThat(sweep.price()).isEqualByComparingTo("71000");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"VWAP\",\"durationSeconds\":60}|algorithm.type must be TWAP, POV or LIMIT-SWEEP, not 'VWAP'",
            "{\"durationSeconds\":60}|algorithm.type is required",
            "{\"type\":\"TWAP\",\"durationSeconds\":60}|TWAP takes either algorithm.slices or algorithm.intervalSeconds",
            "{\"type\":\"TWAP\",\"durationSeconds\":60,\"slices\":2,\"intervalSeconds\":30}|TWAP takes either",
            "{\"type\":\"TWAP\",\"durationSeconds\":60,\"slices\":0}|algorithm.slices must be 1..100 slices, not 0",
            "{\"type\":\"TWAP\",\"durationSeconds\":600,\"slices\":101}|algorithm.slices must be 1..100 slices, not 101",
            "{\"type\":\"TWAP\",\"durationSeconds\":60,\"slices\":-3}|algorithm.slices must be 1..100",
            "{\"type\":\"TWAP\",\"durationSeconds\":60,\"slices\":2.5}|algorithm.slices must be a whole number",
            "{\"type\":\"TWAP\",\"durationSeconds\":5,\"slices\":10}|TWAP slices 500 ms apart; at least 1000 ms",
            "{\"type\":\"TWAP\",\"durationSeconds\":36000,\"slices\":10}|algorithm.durationSeconds must be 1..28800",
            "{\"type\":\"TWAP\",\"slices\":10}|algorithm takes either end or durationSeconds",
            "{\"type\":\"TWAP\",\"end\":\"2026-12-07T09:00:00+09:00\",\"slices\":1}|algorithm.end must be after its start",
            "{\"type\":\"TWAP\",\"end\":\"10:30\",\"slices\":1}|algorithm.end must be an ISO date-time with offset",
            "{\"type\":\"POV\",\"durationSeconds\":60}|POV needs algorithm.targetPercent",
            "{\"type\":\"POV\",\"durationSeconds\":60,\"targetPercent\":\"0\"}|must be above 0 and at most 30",
            "{\"type\":\"POV\",\"durationSeconds\":60,\"targetPercent\":\"31\"}|must be above 0 and at most 30",
            "{\"type\":\"POV\",\"durationSeconds\":60,\"targetPercent\":\"ten\"}|algorithm.targetPercent must be a decimal",
            "{\"type\":\"POV\",\"durationSeconds\":60,\"targetPercent\":\"10\",\"maxChildQuantity\":5000}|algorithm.maxChildQuantity must be 0..1000",
            "{\"type\":\"LIMIT-SWEEP\",\"durationSeconds\":60}|LIMIT-SWEEP works at a limit",
            "{\"type\":\"TWAP\",\"durationSeconds\":60,\"slices\":2,\"urgency\":9}|algorithm.urgency is not a parameter",
            "\"TWAP\"|algorithm must be an object"})
    void anOutOfRangeParameterIsRefusedWithItsReason(String algorithm, String reason) {
        assertThatThrownBy(() -> parser.parse(parent(algorithm))).isInstanceOf(InvalidIntentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aTwapOfMoreSlicesThanSharesAndAParentWithoutAlgorithmAreRefused() {
        assertThatThrownBy(() -> parser.parse(parent("{\"type\":\"TWAP\",\"durationSeconds\":600,\"slices\":10}")
                .replace("\"quantity\":1000", "\"quantity\":5")))
                .hasMessageContaining("TWAP of 5 shares cannot have 10 slices");
        assertThatThrownBy(() -> parser.parse(parent("null"))).hasMessageContaining("algorithm is required");
        assertThatThrownBy(() -> parser.parse(parent("{\"type\":\"TWAP\",\"durationSeconds\":60,\"slices\":2}")
                .replace("\"PARENT\"", "\"NEW\""))).hasMessageContaining("algorithm belongs to a PARENT intent only");
    }
}
