package kisgateway.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** More operators than the configured one, from a file of hashes: each logs in as themselves, no one as another. */
class OperatorLoginsTest {

    private static final int ITERATIONS = 10_000;

    @Test
    void eachOperatorOfTheFileLogsInWithTheirOwnPasswordOnly() throws Exception {
        Path file = Files.createTempFile("operators", ".txt");
        Files.writeString(file, "# second pair of eyes\n\n" + OperatorLoginsFile.line("bob", "bob-password-123", ITERATIONS)
                + "\n" + OperatorLoginsFile.line("carol", "carol-password-12", ITERATIONS) + "\n");
        OperatorLogin primary = OperatorLogin.hashing(new OperatorCredentials("operator", "operator-password"), ITERATIONS);
        OperatorLogins logins = OperatorLogins.with(primary, OperatorLoginsFile.read(file));

        assertThat(logins.count()).isEqualTo(3);
        assertThat(logins.accepts("operator", "operator-password")).isTrue();
        assertThat(logins.accepts("bob", "bob-password-123")).isTrue();
        assertThat(logins.accepts("carol", "carol-password-12")).isTrue();
        assertThat(logins.accepts("bob", "carol-password-12")).as("another operator's password").isFalse();
        assertThat(logins.accepts("carol", "operator-password")).isFalse();
        assertThat(logins.accepts("mallory", "operator-password")).as("an unknown user").isFalse();
        assertThat(logins.accepts(null, "operator-password")).isFalse();
        assertThat(Files.readString(file)).doesNotContain("bob-password-123");
    }

    @Test
    void aUserNamedTwiceOrALineThatIsNotUserAndHashIsRefusedWithItsLineNumberOnly() throws Exception {
        OperatorLogin primary = OperatorLogin.hashing(new OperatorCredentials("operator", "operator-password"), ITERATIONS);
        Path twice = Files.createTempFile("operators", ".txt");
        Files.writeString(twice, OperatorLoginsFile.line("operator", "another-password1", ITERATIONS) + "\n");
        assertThatThrownBy(() -> OperatorLogins.with(primary, OperatorLoginsFile.read(twice)))
                .hasMessageContaining("'operator' is named twice");

        Path plaintext = Files.createTempFile("operators", ".txt");
        Files.writeString(plaintext, "bob hunter2-plaintext-pw\n");
        assertThatThrownBy(() -> OperatorLoginsFile.read(plaintext))
                .hasMessageContaining("line 1").hasMessageNotContaining("hunter2");
        Path weak = Files.createTempFile("operators", ".txt");
        Files.writeString(weak, "\nbob pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA\n");
        assertThatThrownBy(() -> OperatorLoginsFile.read(weak)).hasMessageContaining("line 2");
        assertThatThrownBy(() -> OperatorLoginsFile.line("bo b", "long-enough-password", ITERATIONS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OperatorLogins.of(primary).all()).extracting(OperatorLogin::user).isEqualTo(List.of("operator"));
    }
}
