package kisgateway.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The operator password's hash takes the password exactly: every character the Vert.x properties file used to
 * split, trim or misread counts, and nothing shorter, longer or otherwise spelled matches.
 */
class OperatorPasswordHashTest {

    /** Cheap for a unit test; the gateway's default is 210,000 (config/application.properties). */
    private static final int ITERATIONS = OperatorPasswordHash.MIN_ITERATIONS;

    static final List<String> HOSTILE_PASSWORDS = List.of(
            "short,then-the-roles",                // Vert.x split here and read the rest as roles
            "key=value=more-equals",
            "colon:in:the:password",
            "back\\slash\\\\and\\u0041",           // a Properties escape, literally
            "  leading and trailing spaces  ",
            "한국투자증권-운영자-비밀번호",
            "MD5:5f4dcc3b5aa765d61d8327deb882cf99", // Jetty's Credential read this as an MD5 hash
            "emoji-\uD83D\uDCB0-and-#!-and-tab\there");

    @Test
    void acceptsExactlyThePasswordAndRefusesItsPrefixesAndVariants() {
        for (String password : HOSTILE_PASSWORDS) {
            OperatorPasswordHash hash = OperatorPasswordHash.of(password, ITERATIONS);
            assertThat(hash.matches(password)).as(password).isTrue();
            assertThat(OperatorPasswordHash.parse(hash.encoded()).matches(password)).as("read back: " + password).isTrue();
            // every prefix that ends where a parser could have cut (before a separator, a space, an escape)
            for (int cut = 1; cut < password.length(); cut++) {
                if (!Character.isLetterOrDigit(password.charAt(cut)) || cut == password.length() - 1) {
                    assertThat(hash.matches(password.substring(0, cut))).as("prefix of " + password).isFalse();
                }
            }
            assertThat(hash.matches(password + ",")).isFalse();
            assertThat(hash.matches(password.trim())).isEqualTo(password.trim().equals(password));
            assertThat(hash.matches(password.toUpperCase())).isEqualTo(password.toUpperCase().equals(password));
            assertThat(hash.matches("")).isFalse();
            assertThat(hash.matches(null)).isFalse();
        }
    }

    @Test
    void hashesTheUtf8BytesOfThePasswordAsPbkdf2HmacSha256() throws Exception {
        String password = "한글, 콤마=등호:콜론\\역슬래시 공백";
        OperatorPasswordHash hash = OperatorPasswordHash.of(password, ITERATIONS);
        String[] parts = hash.encoded().split("\\$");
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo(String.valueOf(ITERATIONS));
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        // RFC 8018 PBKDF2, one block of HMAC-SHA256, over the password's UTF-8 bytes: what a browser sends
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] u = mac.doFinal(ByteBuffer.allocate(salt.length + 4).put(salt).putInt(1).array());
        byte[] t = u.clone();
        for (int i = 1; i < ITERATIONS; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        assertThat(Base64.getDecoder().decode(parts[3])).isEqualTo(t);
    }

    @Test
    void everyHashHasItsOwnSaltAndShowsNoPassword() {
        OperatorPasswordHash a = OperatorPasswordHash.of("same-password-twice", ITERATIONS);
        OperatorPasswordHash b = OperatorPasswordHash.of("same-password-twice", ITERATIONS);
        assertThat(a.encoded()).isNotEqualTo(b.encoded());
        assertThat(a.encoded() + a).doesNotContain("same-password-twice");
        assertThat(a.encoded()).matches("pbkdf2-sha256\\$10000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void refusesAStoredHashThatIsMalformedOrWeak() {
        String good = OperatorPasswordHash.of("a-good-password", ITERATIONS).encoded();
        String[] p = good.split("\\$");
        assertThatThrownBy(() -> OperatorPasswordHash.parse("a-good-password")).hasMessageContaining("not a pbkdf2-sha256");
        assertThatThrownBy(() -> OperatorPasswordHash.parse("md5$" + p[1] + "$" + p[2] + "$" + p[3]))
                .hasMessageContaining("not a pbkdf2-sha256");
        assertThatThrownBy(() -> OperatorPasswordHash.parse(p[0] + "$1000$" + p[2] + "$" + p[3])).hasMessageContaining("too weak");
        assertThatThrownBy(() -> OperatorPasswordHash.parse(p[0] + "$" + p[1] + "$" + p[2] + "$" + p[3].substring(4)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> OperatorPasswordHash.parse(p[0] + "$x$" + p[2] + "$" + p[3])).hasMessageContaining("malformed");
        assertThatThrownBy(() -> OperatorPasswordHash.of("a-good-password", 1000)).hasMessageContaining("at least");
        assertThatThrownBy(() -> OperatorPasswordHash.of("", ITERATIONS)).isInstanceOf(IllegalArgumentException.class);
    }
}
