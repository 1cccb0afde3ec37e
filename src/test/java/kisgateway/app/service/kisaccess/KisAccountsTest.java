package kisgateway.app.service.kisaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kisgateway.app.config.ConfigurationException;
import kisgateway.kis.KisAccount;
import org.junit.jupiter.api.Test;

/** The accounts by alias, and by the account number an execution notice carries. */
class KisAccountsTest {

    private static KisAccount account(String alias, String cano, String product) {
        return KisAccount.of(alias, "PSappkey-" + alias + "-0123456789", "secret-" + alias + "-0123456789abcdef",
                "hts" + alias, cano, product);
    }

    private final KisAccounts accounts = new KisAccounts(List.of(account("main", "50123456", "01"),
            account("pension", "50123456", "22"), account("other", "50999999", "01")));

    @Test
    void aNoticesAccountNumberFindsItsAliasByNumberAndProductCode() {
        assertThat(accounts.byAccountNumber("50123456", "01")).map(KisAccount::alias).contains("main");
        assertThat(accounts.byAccountNumber("50123456", "22")).map(KisAccount::alias).contains("pension");
        assertThat(accounts.byAccountNumber("50999999", "01")).map(KisAccount::alias).contains("other");
        assertThat(accounts.byAccountNumber("50999999", "22")).as("another product of a known number").isEmpty();
        assertThat(accounts.byAccountNumber("51000000", "01")).as("an account of the HTS ID this gateway does not trade")
                .isEmpty();
    }

    @Test
    void anAliasConfiguredTwiceIsRefused() {
        assertThatThrownBy(() -> new KisAccounts(List.of(account("a", "50123456", "01"), account("a", "50999999", "01"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'a'");
    }
}
