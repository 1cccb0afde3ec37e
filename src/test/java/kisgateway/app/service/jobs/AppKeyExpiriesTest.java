package kisgateway.app.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.kis.KisAccount;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** The app key's expiry date: required outside sim, never in the past, named when wrong; shared keys share it. */
class AppKeyExpiriesTest {

    private static final Clock DEC_7 = Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), ZoneId.of("UTC"));
    private static final String APP_KEY = "PSabcdefghijklmnopqrstuvwxyz0123456789";
    private static final KisAccounts ACCOUNTS = new KisAccounts(List.of(
            KisAccount.of("main", APP_KEY, "secret-1234567890", "htsid01", "50000001", "01"),
            KisAccount.of("pension", APP_KEY, "secret-1234567890", "htsid01", "50000002", "01")));

    @Test
    void outsideSimAMissingExpiryStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> AppKeyExpiries.keys(TestConfig.load(Map.of("kis.mode", "paper")), ACCOUNTS, DEC_7))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("kis.account.main.app-key-expires is missing");
    }

    @Test
    void anExpiryInThePastOrUnreadableStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> AppKeyExpiries.keys(TestConfig.load(Map.of("kis.mode", "paper",
                "kis.account.main.app-key-expires", "2027-06-30",
                "kis.account.pension.app-key-expires", "2026-12-06")), ACCOUNTS, DEC_7))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("kis.account.pension.app-key-expires = 2026-12-06 is in the past");
        assertThatThrownBy(() -> AppKeyExpiries.keys(TestConfig.load(Map.of(
                "kis.account.main.app-key-expires", "30/06/2027")), ACCOUNTS, DEC_7))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("kis.account.main.app-key-expires is not a date");
    }

    @Test
    void accountsSharingAKeyAreOneKeyWithTheEarliestDateAndSimMayLeaveItOut() {
        List<kisgateway.ops.appkeys.AppKeyLiveness.Key> keys = AppKeyExpiries.keys(TestConfig.load(Map.of(
                "kis.mode", "paper", "kis.account.main.app-key-expires", "2027-06-30",
                "kis.account.pension.app-key-expires", "2026-12-07")), ACCOUNTS, DEC_7);
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.accounts()).containsExactly("main", "pension");
            assertThat(k.expiresOn()).isEqualTo(LocalDate.of(2026, 12, 7));
            assertThat(k.label()).doesNotContain(APP_KEY);
        });
        assertThat(AppKeyExpiries.keys(TestConfig.load(Map.of()), ACCOUNTS, DEC_7))
                .singleElement().satisfies(k -> assertThat(k.expiresOn()).isNull());
    }
}
