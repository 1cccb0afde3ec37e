package kisgateway.app.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * More operators ({@code gateway.operator.logins-file}): one line per operator, {@code <user> <hash>}, the hash as
 * {@link OperatorPasswordHash#encoded()} writes it ({@code java -jar kis-gateway.jar operator-hash <user>} prints such
 * a line). Blank lines and lines starting with {@code #} are skipped. A user name here has no whitespace. A line that
 * cannot be read is refused with its number, never its content (it may hold a password pasted by mistake).
 */
public final class OperatorLoginsFile {

    private OperatorLoginsFile() {
    }

    public static List<OperatorLogin> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<OperatorLogin> logins = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not '<user> <password hash>'");
            }
            try {
                OperatorCredentials.requireUsableUser(parts[0]);
                logins.add(new OperatorLogin(parts[0], OperatorPasswordHash.parse(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return logins;
    }

    /** The line for {@code user} with the hash of {@code password}. */
    public static String line(String user, String password, int iterations) {
        OperatorCredentials.requireUsableUser(user);
        if (user.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an operator of the logins file has no whitespace in the user name");
        }
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("an operator password has at least 12 characters");
        }
        return user + " " + OperatorPasswordHash.of(password, iterations).encoded();
    }
}
