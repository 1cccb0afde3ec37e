package kisgateway.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The operator login at rest ({@code gateway.operator.auth-file}): the user and the password's hash, never the
 * password, in a file only its owner can read. Written and read as {@link Properties} in their stream form, which
 * escapes every character that means something to the format ({@code = : # ! \}, leading spaces) and writes
 * non-ASCII as {@code \}{@code uXXXX}: whatever the user name holds, it reads back exactly.
 */
public final class OperatorLoginFile {

    private static final String USER = "user";
    private static final String PASSWORD_HASH = "password-hash";

    private OperatorLoginFile() {
    }

    public static void write(Path file, OperatorLogin login) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Properties p = new Properties();
        p.setProperty(USER, login.user());
        p.setProperty(PASSWORD_HASH, login.hash().encoded());
        // owner-only before anything is written to it; moved into place whole, so that an instance starting beside
        // this one on the same file never reads it half written
        Path dir = file.toAbsolutePath().getParent();
        Path written = Files.createTempFile(dir, ".operator-auth-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(written)) {
                p.store(out, "kis-gateway operator login: the password's PBKDF2 hash, never the password");
            }
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    public static OperatorLogin read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        String user = p.getProperty(USER);
        String hash = p.getProperty(PASSWORD_HASH);
        if (user == null || hash == null) {
            throw new IOException("operator login file " + file + " lacks '" + USER + "' or '" + PASSWORD_HASH
                    + "' (a file of an older version holds the password itself: it is replaced at start)");
        }
        return new OperatorLogin(user, OperatorPasswordHash.parse(hash));
    }
}
