package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    static final String APP_KEY = "PSabcdefghijklmnopqrstuvwxyz01234567";
    static final String APP_SECRET = "SECRET" + "x".repeat(174);

    @Test
    void accountToStringShowsNoSecret() {
        KisAccount account = KisAccount.of("main", APP_KEY, APP_SECRET, "htsuser01", "81055689", "01");
        String text = account.toString() + account.credentials() + account.htsId() + account.cano();
        assertThat(text).doesNotContain(APP_KEY, APP_SECRET, "htsuser01", "81055689")
                .doesNotContain(APP_KEY.substring(0, 10), APP_SECRET.substring(0, 10))
                .contains("main", "PSab****", "SECR****", "ht****", "81****");
        assertThat(account.appKey().reveal()).isEqualTo(APP_KEY);
    }

    @Test
    void shortValuesShowAtMostAQuarter() {
        assertThat(MaskedSecret.mask("abc")).isEqualTo("****");
        assertThat(MaskedSecret.mask("abcdefgh")).isEqualTo("ab****");
    }

    @Test
    void appKeyIdIsTheSha256HexNotTheKey() {
        AppKey key = new AppKey("abc");
        assertThat(key.id()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(key.label()).isEqualTo("ba7816bf");
        assertThat(new AppKey("abc")).isEqualTo(key).hasSameHashCodeAs(key);
    }

    @Test
    void badAccountNumberMessageDoesNotEchoIt() {
        assertThatThrownBy(() -> new AccountNumber("8105568901")).hasMessageNotContaining("8105568901");
        assertThatThrownBy(() -> KisAccount.of("a", "k", "s", "h", "81055689", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppKey(" ")).hasMessage("app key is missing");
    }
}
