package kisgateway.ops.appkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppKeyStatusTest {

    private static final AppKeyThresholds THRESHOLDS = new AppKeyThresholds(30, 60);
    // 2026-12-07 15:30 UTC is already the 8th in Seoul (00:30 KST)
    private static final Instant LATE = Instant.parse("2026-12-07T15:30:00Z");

    private static AppKeyStatus status(LocalDate expires, Instant idleSince) {
        return new AppKeyStatus("id", "label", List.of("a"), expires, idleSince, idleSince, LATE, THRESHOLDS);
    }

    @Test
    void daysLeftCountInSeoulAndTheWarningStartsAtTheThreshold() {
        assertThat(status(LocalDate.of(2027, 1, 7), LATE).expiryDaysLeft()).isEqualTo(30);
        assertThat(status(LocalDate.of(2027, 1, 7), LATE).expiryWarning()).isTrue();
        assertThat(status(LocalDate.of(2027, 1, 8), LATE).expiryWarning()).isFalse();
        assertThat(status(LocalDate.of(2026, 12, 8), LATE).expiryDaysLeft()).isZero();
        assertThat(status(null, LATE).expiryDaysLeft()).isNull();
        assertThat(status(null, LATE).expiryWarning()).isFalse();
    }

    @Test
    void idleWarnsFromItsThresholdOn() {
        assertThat(status(null, LATE.minus(Duration.ofDays(60)).plusSeconds(1)).idleWarning()).isFalse();
        assertThat(status(null, LATE.minus(Duration.ofDays(60))).idleWarning()).isTrue();
        // a clock moved back never shows a negative idle time
        assertThat(status(null, LATE.plusSeconds(5)).idle()).isZero();
        assertThat(status(LocalDate.of(2027, 1, 7), LATE).describe()).doesNotContain("id ");
    }
}
