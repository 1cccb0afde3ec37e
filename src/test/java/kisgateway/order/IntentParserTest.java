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

class IntentParserTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    private final IntentParser parser = new IntentParser(Set.of("main"), Duration.ofSeconds(2), Duration.ofSeconds(60),
            1_000_000, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aLimitBuy() {
        Intent intent = parser.parse("""
                {"clientOrderId":"s1-0001","account":"main","strategyId":"s1","symbol":"005930","side":"BUY",
                 "quantity":10,"orderType":"00","price":"71000","exchange":"KRX","timeToLiveMs":1500}""");
        assertThat(intent).isEqualTo(new OrderIntent("s1-0001", "main", "s1", "005930", Side.BUY, 10, OrderType.LIMIT,
                new BigDecimal("71000"), Exchange.KRX, Duration.ofMillis(1500), NOW));
        assertThat(intent.staleAt()).isEqualTo(NOW.plusMillis(1500));
    }

    @Test
    void aMarketSellTakesDefaults() {
        OrderIntent intent = (OrderIntent) parser.parse("""
                {"clientOrderId":"s1-0002","account":"main","strategyId":"s1","symbol":"000660","side":"SELL",
                 "quantity":3,"orderType":"01"}""");
        assertThat(intent.price()).isNull();
        assertThat(intent.exchange()).isEqualTo(Exchange.KRX);
        assertThat(intent.timeToLive()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void cancelAndReplace() {
        assertThat(parser.parse("""
                {"intent":"CANCEL","clientOrderId":"s1-0003","targetClientOrderId":"s1-0001","account":"main","strategyId":"s1"}"""))
                .isEqualTo(new CancelIntent("s1-0003", "s1-0001", "main", "s1", 0, Duration.ofSeconds(2), NOW));
        assertThat(parser.parse("""
                {"intent":"REPLACE","clientOrderId":"s1-0004","targetClientOrderId":"s1-0001","account":"main",
                 "strategyId":"s1","price":"70900"}"""))
                .isEqualTo(new ReplaceIntent("s1-0004", "s1-0001", "main", "s1", 0, new BigDecimal("70900"), null,
                        Duration.ofSeconds(2), NOW));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all|intent is not valid JSON",
            "[1,2]|must be a JSON object",
            "{\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}|clientOrderId is required",
            "{\"clientOrderId\":\"a b\",\"account\":\"main\",\"strategyId\":\"s\"}|clientOrderId must be",
            "{\"clientOrderId\":\"a\",\"account\":\"other\",\"strategyId\":\"s\"}|account 'other' is not an account",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"5930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}|symbol must be a 6-character",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"HOLD\",\"quantity\":1,\"orderType\":\"01\"}|side must be BUY or SELL",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":0,\"orderType\":\"01\"}|quantity must be positive",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1.5,\"orderType\":\"01\"}|quantity must be a whole number",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\"}|price is required for orderType 00",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":71000.5}|price must be a decimal string",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":\"71000.5\"}|whole won",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\",\"price\":\"71000\"}|takes no price",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"22\",\"price\":\"71000\"}|not an accepted KIS ORD_DVSN",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\",\"exchange\":\"NXT\"}|not accepted on NXT",
            "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\",\"timeToLiveMs\":600000}|above the limit",
            "{\"intent\":\"AMEND\",\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\"}|intent must be NEW, CANCEL, REPLACE or PARENT",
            "{\"intent\":\"REPLACE\",\"clientOrderId\":\"a\",\"targetClientOrderId\":\"b\",\"account\":\"main\",\"strategyId\":\"s\"}|must change the quantity, the price",
    })
    void malformedIntentsAreRefusedWithTheReason(String body, String reason) {
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(InvalidIntentException.class).hasMessageContaining(reason);
    }

    private static final String NEW = "{\"clientOrderId\":\"a\",\"account\":\"main\",\"strategyId\":\"s\",\"symbol\":\"005930\","
            + "\"side\":\"BUY\",\"orderType\":\"00\",\"price\":\"71000\"";

    /** Issue 21.8: 2^64 + 5 became an order for 5 shares; every number is range-checked before it is narrowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"quantity\":18446744073709551621|above the intake limit",
            "\"quantity\":9223372036854775813|above the intake limit",
            "\"quantity\":-18446744073709551611|quantity must be positive",
            "\"quantity\":1e400|above the intake limit",
            "\"quantity\":5e-400|quantity must be a whole number",
            "\"quantity\":5.0000000000000000001|quantity must be a whole number",
            "\"quantity\":1,\"timeToLiveMs\":18446744073709552616|timeToLiveMs 18446744073709552616 is above the limit",
            "\"quantity\":1,\"timeToLiveMs\":-18446744073709550616|timeToLiveMs must be a positive",
            "\"quantity\":1,\"timeToLiveMs\":9223372036854775808|above the limit",
    })
    void numbersOutOfRangeAreRefusedNotWrapped(String fields, String reason) {
        assertThatThrownBy(() -> parser.parse(NEW + "," + fields + "}")).isInstanceOf(InvalidIntentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aCancelOrReplaceQuantityIsRangeCheckedToo() {
        assertThatThrownBy(() -> parser.parse("""
                {"intent":"REPLACE","clientOrderId":"r","targetClientOrderId":"a","account":"main","strategyId":"s",
                 "quantity":18446744073709551617}""")).isInstanceOf(InvalidIntentException.class).hasMessageContaining("above");
        assertThatThrownBy(() -> parser.parse("""
                {"intent":"CANCEL","clientOrderId":"c","targetClientOrderId":"a","account":"main","strategyId":"s",
                 "quantity":18446744073709551617}""")).isInstanceOf(InvalidIntentException.class).hasMessageContaining("above");
    }

    /** Issue 21.9: a 20-200 digit price reached the database (numeric field overflow, HTTP 500). */
    @ParameterizedTest(name = "{0} digits")
    @org.junit.jupiter.params.provider.ValueSource(ints = {10, 15, 20, 200})
    void aPriceOfTooManyDigitsIsRefusedBeforeItIsConverted(int digits) {
        String price = "7".repeat(digits);
        assertThatThrownBy(() -> parser.parse(NEW.replace("71000", price) + ",\"quantity\":1}"))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("price has " + digits + " digits; at most 9");
    }

    /** Issue 21.9: "sim ", "sim\u0000" and "005930\n" traded as sim and 005930: values are checked as sent. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"account\":\"main\"|\"account\":\"main \"|account",
            "\"account\":\"main\"|\"account\":\"main\\u0000\"|account",
            "\"account\":\"main\"|\"account\":\" main\"|account",
            "\"symbol\":\"005930\"|\"symbol\":\"005930\\n\"|symbol",
            "\"symbol\":\"005930\"|\"symbol\":\"005930\\u2028\"|symbol",
            "\"side\":\"BUY\"|\"side\":\"BUY\\t\"|side",
            "\"orderType\":\"00\"|\"orderType\":\"00 \"|orderType",
            "\"clientOrderId\":\"a\"|\"clientOrderId\":\"a\\r\\n\"|clientOrderId",
            "\"strategyId\":\"s\"|\"strategyId\":\"s\\u0000\"|strategyId",
            "\"price\":\"71000\"|\"price\":\"71000\\n\"|price",
            "\"price\":\"71000\"|\"price\":\" 71000\"|price",
            "\"price\":\"71000\"|\"price\":\"\u0667\u0661\u0660\u0660\u0660\"|price",
    })
    void valuesAreCheckedAsSentNotTrimmed(String valid, String hostile, String field) {
        String body = NEW + ",\"quantity\":1}";
        assertThat(parser.parse(body)).isInstanceOf(OrderIntent.class);
        assertThatThrownBy(() -> parser.parse(body.replace(valid, hostile))).isInstanceOf(InvalidIntentException.class)
                .hasMessageContaining(field);
    }

    @Test
    void aReasonShowsControlCharactersEscapedSoNoLogLineCanBeForged() {
        assertThatThrownBy(() -> parser.parse(NEW.replace("\"main\"", "\"main\\nlevel=INFO forged\"") + ",\"quantity\":1}"))
                .isInstanceOf(InvalidIntentException.class)
                .hasMessageContaining("main\\u000alevel=INFO forged").hasMessageNotContaining("\n");
    }

    @Test
    void aConfiguredLimitAboveTheSchemasMaximumIsAConfigurationError() {
        assertThatThrownBy(() -> new IntentParser(Set.of("main"), Duration.ofSeconds(2), Duration.ofSeconds(60),
                IntentParser.QUANTITY_CEILING + 1, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntentParser(Set.of("main"), Duration.ofSeconds(2), Duration.ofDays(2),
                1000, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
