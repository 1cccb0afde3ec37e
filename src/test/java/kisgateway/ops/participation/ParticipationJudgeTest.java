package kisgateway.ops.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipationJudgeTest {

    private static final ParticipationSettings SETTINGS = new ParticipationSettings(Duration.ofMinutes(5), 0.10, 1000);
    private static final Instant B = Instant.parse("2026-12-07T01:00:00Z");
    private static final Instant E = B.plus(Duration.ofMinutes(5));

    private static ParticipationJudge.Executed ex(String strategy, String account, long qty) {
        return new ParticipationJudge.Executed(strategy, account, qty);
    }

    @Test
    void aShareAboveTheLimitIsASpikeOfTheStrategyBehindMostOfIt() {
        var spike = ParticipationJudge.judge("005930", B, E, 5000, List.of(ex("a", "x", 200), ex("b", "x", 150),
                ex("b", "y", 160)), SETTINGS).orElseThrow();
        assertThat(spike.strategyId()).isEqualTo("b");
        assertThat(spike.account()).isEqualTo("y");
        assertThat(spike.strategyVolume()).isEqualTo(310);
        assertThat(spike.share()).isEqualTo(510.0 / 5000);
    }

    @Test
    void atTheLimitBelowTheMinimumVolumeOrWithoutExecutionsIsNoSpike() {
        assertThat(ParticipationJudge.judge("s", B, E, 5000, List.of(ex("a", "x", 500)), SETTINGS)).isEmpty();
        assertThat(ParticipationJudge.judge("s", B, E, 999, List.of(ex("a", "x", 999)), SETTINGS)).isEmpty();
        assertThat(ParticipationJudge.judge("s", B, E, 5000, List.of(), SETTINGS)).isEmpty();
        // the stream lagging the fills: never more than all of the market
        assertThat(ParticipationJudge.judge("s", B, E, 1000, List.of(ex("a", "x", 3000)), SETTINGS).orElseThrow()
                .share()).isEqualTo(1.0);
    }

    @Test
    void marketVolumeIsTheBucketsCumulativeDifferenceAndANewDayStartsOver() {
        MarketVolume v = new MarketVolume(Duration.ofMinutes(5), 4);
        v.observe("s", B.plusSeconds(10), 10_000, 100);
        v.observe("s", B.plusSeconds(200), 12_000, 10);
        v.observe("s", E.plusSeconds(1), 12_500, 500);
        v.observe("s", E.plusSeconds(2), -1, 5); // no readable volume: ignored
        assertThat(v.volume("s", B)).hasValue(2_100L);
        assertThat(v.volume("s", E)).hasValue(500L);
        // the next day's count starts again below: not a negative volume
        v.observe("s", E.plus(Duration.ofDays(1)), 300, 300);
        assertThat(v.volume("s", E.plus(Duration.ofDays(1)))).hasValue(300L);
        assertThat(v.volume("s", B)).isEmpty();
        assertThat(v.volume("other", B)).isEmpty();
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new ParticipationSettings(Duration.ZERO, 0.1, 1)).hasMessageContaining("bucket");
        assertThatThrownBy(() -> new ParticipationSettings(Duration.ofMinutes(1), 1.5, 1)).hasMessageContaining("maxShare");
        assertThatThrownBy(() -> new ParticipationSettings(Duration.ofMinutes(1), 0.1, 0)).hasMessageContaining("minMarket");
    }
}
