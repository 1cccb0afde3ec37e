package kisgateway.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator login at rest and in use: written hashed, read back exactly, checked exactly. */
class OperatorLoginTest {

    private static final int ITERATIONS = OperatorPasswordHash.MIN_ITERATIONS;

    @Test
    void theFileHoldsTheHashNotThePasswordAndReadsBackEveryUserNameExactly(@TempDir Path dir) throws Exception {
        List<String> users = List.of("operator", "ops team", " leading", "a=b", "a,b", "back\\slash", "#not-a-comment",
                "운영자");
        List<String> passwords = OperatorPasswordHashTest.HOSTILE_PASSWORDS;
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            String password = passwords.get(i % passwords.size());
            Path file = dir.resolve("auth.properties");
            OperatorLoginFile.write(file, OperatorLogin.hashing(new OperatorCredentials(user, password), ITERATIONS));
            String stored = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertThat(stored).as("the password never reaches the file").doesNotContain(password);
            assertThat(stored).as("written as ASCII, non-ASCII escaped").matches("[\\x00-\\x7F]*");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            OperatorLogin read = OperatorLoginFile.read(file);
            assertThat(read.user()).isEqualTo(user);
            assertThat(read.accepts(user, password.substring(0, password.length() / 2))).isFalse();
            assertThat(read.accepts(user, password)).as(user + " / " + password).isTrue();
        }
    }

    @Test
    void aFileAnOlderVersionWroteWithThePasswordInItIsReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("operator-auth.properties");
        Files.writeString(file, "user.operator = short,then-the-roles,operator\nrole.operator = *\n");
        assertThatThrownBy(() -> OperatorLoginFile.read(file)).hasMessageContaining("lacks");
        OperatorLoginFile.write(file, OperatorLogin.hashing(new OperatorCredentials("operator", "short,then-the-roles"), ITERATIONS));
        assertThat(Files.readString(file)).doesNotContain("then-the-roles").contains("password-hash=pbkdf2-sha256");
    }

    @Test
    void anInstanceStartingBesideAnotherOnTheSameFileNeverReadsItHalfWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("operator-auth.properties");
        OperatorLogin first = OperatorLogin.hashing(new OperatorCredentials("operator", "first-instance-pw"), ITERATIONS);
        OperatorLogin second = OperatorLogin.hashing(new OperatorCredentials("operator", "second-instance-pw"), ITERATIONS);
        OperatorLoginFile.write(file, first);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 400; i++) {
                    OperatorLoginFile.write(file, i % 2 == 0 ? second : first);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                writing.set(false);
            }
        });
        writer.start();
        List<String> failures = new java.util.ArrayList<>();
        while (writing.get()) {
            try {
                OperatorLoginFile.read(file);
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
        writer.join();
        assertThat(failures).isEmpty();
    }

    @Test
    void checksUserAndPasswordExactlyAndRemembersOnlyTheRightPassword() {
        OperatorLogin login = OperatorLogin.hashing(new OperatorCredentials("ops", "p,ss=wo:rd\\ 한글 ✓"), ITERATIONS);
        assertThat(login.accepts("ops", "p")).as("the part before the comma").isFalse();
        assertThat(login.accepts("ops", "p,ss=wo:rd\\ 한글 ✓")).isTrue();
        // once remembered, the same answers without PBKDF2
        assertThat(login.accepts("ops", "p,ss=wo:rd\\ 한글 ✓")).isTrue();
        assertThat(login.acceptsPassword("p,ss=wo:rd\\ 한글 ✓")).isTrue();
        assertThat(login.accepts("ops", "p,ss=wo:rd\\ 한글 ✓ ")).isFalse();
        assertThat(login.accepts("ops", "p")).isFalse();
        assertThat(login.accepts("OPS", "p,ss=wo:rd\\ 한글 ✓")).as("the user too, exactly").isFalse();
        assertThat(login.accepts(null, "p,ss=wo:rd\\ 한글 ✓")).isFalse();
        assertThat(login.accepts("ops", null)).isFalse();
        assertThat(login.toString()).doesNotContain("p,ss");
    }

    @Test
    void refusesAUserNameHttpBasicCannotSendAndAShortPassword() {
        assertThatThrownBy(() -> new OperatorCredentials("ops:team", "long-enough-password")).hasMessageContaining("colon");
        assertThatThrownBy(() -> new OperatorCredentials("ops\nteam", "long-enough-password")).hasMessageContaining("control");
        assertThatThrownBy(() -> new OperatorCredentials(" ", "long-enough-password")).hasMessageContaining("user");
        assertThatThrownBy(() -> new OperatorCredentials("ops", "too-short")).hasMessageContaining("12 characters");
        assertThat(new OperatorCredentials("ops", "long-enough-password").toString()).doesNotContain("long-enough");
    }
}
