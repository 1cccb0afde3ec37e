package kisgateway.kis.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kisgateway.kis.AppCredentials;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private final TokenCipher cipher = new TokenCipher();
    private final AppCredentials credentials = AppCredentials.of("app-key-1", "secret-" + "A".repeat(170));

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = cipher.encrypt(credentials, TokenKind.ACCESS, "eyJtoken");
        String b = cipher.encrypt(credentials, TokenKind.ACCESS, "eyJtoken");
        assertThat(a).isNotEqualTo(b).doesNotContain("eyJtoken");
        assertThat(cipher.decrypt(credentials, TokenKind.ACCESS, a)).isEqualTo("eyJtoken");
    }

    @Test
    void anotherSecretAnotherKeyOrAnotherKindDoesNotDecrypt() {
        String sealed = cipher.encrypt(credentials, TokenKind.ACCESS, "eyJtoken");
        assertThatThrownBy(() -> cipher.decrypt(AppCredentials.of("app-key-1", "other"), TokenKind.ACCESS, sealed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("eyJ");
        assertThatThrownBy(() -> cipher.decrypt(AppCredentials.of("app-key-2", "secret-" + "A".repeat(170)),
                TokenKind.ACCESS, sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(credentials, TokenKind.APPROVAL, sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
