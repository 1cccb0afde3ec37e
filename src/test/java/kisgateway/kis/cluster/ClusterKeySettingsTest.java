package kisgateway.kis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.KisMode;
import kisgateway.kis.budget.RateBudgetSettings;
import org.junit.jupiter.api.Test;

class ClusterKeySettingsTest {

    private static final KisEnvironment LIVE = KisEnvironment.forMode(KisMode.LIVE, null, null);

    private static ClusterKeySettings of(KisEnvironment env) {
        return ClusterKeySettings.of(env, RateBudgetSettings.of(env.restPermitsPerSecond())
                .withSafetyMargin(Duration.ofMillis(20)));
    }

    @Test
    void anInstanceAgreesOnItsModeHostsAndTheKeysRestBudget() {
        assertThat(of(LIVE).values()).containsExactly(
                Map.entry("kis.mode", "live"),
                Map.entry("kis.rest-url", "https://openapi.koreainvestment.com:9443"),
                Map.entry("kis.rest.permits-per-second", "18"),
                Map.entry("kis.rest.safety-margin-ms", "20"),
                Map.entry("kis.ws-url", "ws://ops.koreainvestment.com:21000/tryitout"));
        // blank kis.rest.permits-per-second: the mode's KIS limit is the value that must agree
        assertThat(of(KisEnvironment.forMode(KisMode.PAPER, null, null)).values())
                .containsEntry("kis.mode", "paper").containsEntry("kis.rest.permits-per-second", "1")
                .containsEntry("kis.rest-url", "https://openapivts.koreainvestment.com:29443");
        assertThat(of(LIVE.withRestPermitsPerSecond(10)).values()).containsEntry("kis.rest.permits-per-second", "10");
    }

    @Test
    void theSameSettingsAgree() {
        assertThat(of(LIVE).differencesFrom(of(LIVE))).isEmpty();
        assertThat(of(LIVE).agreesWith(new ClusterKeySettings(of(LIVE).values()))).isTrue();
    }

    @Test
    void eachDifferingSettingIsNamedWithTheClustersValueAndThisInstancesInNameOrder() {
        ClusterKeySettings cluster = of(LIVE);
        ClusterKeySettings paper = of(KisEnvironment.forMode(KisMode.PAPER, null, null));

        assertThat(paper.differencesFrom(cluster)).containsExactly(
                new SettingDifference("kis.mode", "live", "paper"),
                new SettingDifference("kis.rest-url", "https://openapi.koreainvestment.com:9443",
                        "https://openapivts.koreainvestment.com:29443"),
                new SettingDifference("kis.rest.permits-per-second", "18", "1"),
                new SettingDifference("kis.ws-url", "ws://ops.koreainvestment.com:21000/tryitout",
                        "ws://ops.koreainvestment.com:31000/tryitout"));
        assertThat(new SettingDifference("kis.rest.permits-per-second", "18", "5"))
                .hasToString("kis.rest.permits-per-second is 18 in the cluster, 5 here");
    }

    @Test
    void theSafetyMarginIsPartOfTheBudget() {
        ClusterKeySettings wider = ClusterKeySettings.of(LIVE, RateBudgetSettings.of(18).withSafetyMargin(Duration.ofMillis(50)));
        assertThat(wider.differencesFrom(of(LIVE)))
                .containsExactly(new SettingDifference("kis.rest.safety-margin-ms", "20", "50"));
    }

    @Test
    void theOrderReserveAndWaitLimitsAreThisInstancesOwn() {
        RateBudgetSettings other = RateBudgetSettings.of(18).withSafetyMargin(Duration.ofMillis(20)).withOrderReserve(1)
                .withTimeToLive(kisgateway.kis.budget.CallPriority.QUERY, Duration.ofSeconds(5));
        assertThat(ClusterKeySettings.of(LIVE, other).differencesFrom(of(LIVE))).isEmpty();
    }

    @Test
    void aSettingOnlyOneSideHasIsADifference() {
        ClusterKeySettings older = new ClusterKeySettings(Map.of("kis.mode", "live"));
        ClusterKeySettings newer = new ClusterKeySettings(Map.of("kis.mode", "live", "kis.rest.permits-per-second", "18"));

        assertThat(newer.differencesFrom(older)).containsExactly(
                new SettingDifference("kis.rest.permits-per-second", ClusterKeySettings.NOT_RECORDED, "18"));
        assertThat(older.differencesFrom(newer)).containsExactly(
                new SettingDifference("kis.rest.permits-per-second", "18", ClusterKeySettings.NOT_RECORDED));
    }

    @Test
    void aHostIsComparedWithoutItsUserInfoOrATrailingSlash() {
        KisEnvironment viaProxy = LIVE.withHosts(URI.create("https://gw:proxy-password@proxy.example:8443/kis/"), null);
        assertThat(of(viaProxy).values()).containsEntry("kis.rest-url", "https://proxy.example:8443/kis");
        assertThat(of(viaProxy).toString()).doesNotContain("proxy-password");
        assertThat(of(LIVE.withHosts(URI.create("https://openapi.koreainvestment.com:9443/"), null))
                .differencesFrom(of(LIVE))).isEmpty();
    }

    @Test
    void aConflictNamesTheKeyAsTheLogsDoItsAccountsAndEveryDifference() {
        ClusterKeySettingsConflict conflict = new ClusterKeySettingsConflict(List.of(
                new ClusterKeySettingsConflict.KeyConflict("c133d0e6", List.of("main", "hedge"), List.of(
                        new SettingDifference("kis.mode", "live", "paper"),
                        new SettingDifference("kis.rest.permits-per-second", "18", "1")))), "Do this.");

        assertThat(conflict).hasMessage("this instance's settings differ from the cluster's for app_key=c133d0e6"
                + " (accounts main, hedge): kis.mode is live in the cluster, paper here;"
                + " kis.rest.permits-per-second is 18 in the cluster, 1 here. It does not start. Do this.");
    }
}
