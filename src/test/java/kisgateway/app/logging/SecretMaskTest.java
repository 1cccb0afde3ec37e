package kisgateway.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void registeredSecretsAndJwtsAreMasked() {
        SecretMask.register("PSabcdefghijklmnopqrstuvwxyz012345678");
        String jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ0b2tlbiIsImF1ZCI6IjEyMyJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        String masked = SecretMask.mask("appkey=PSabcdefghijklmnopqrstuvwxyz012345678 token=" + jwt + " ok");
        assertThat(masked).isEqualTo("appkey=**** token=**** ok");
    }

    @Test
    void shortValuesAreNotTreatedAsSecrets() {
        SecretMask.register("01");
        assertThat(SecretMask.mask("product 01")).isEqualTo("product 01");
    }
}
