package kisgateway.app.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A properties file of credentials only its owner may read: the secrets file an operator writes, and the passwords the
 * gateway generates for its embedded database and broker. One written here is never readable by anyone else, not even
 * for a moment; one that group or others may read is refused rather than used.
 */
public final class OwnerOnlyFile {

    private OwnerOnlyFile() {
    }

    /**
     * A file anyone but its owner can read is a leak waiting to happen. The group counts: on a shared host a login group
     * holds every user.
     *
     * @param what how the refusal names the file ("secrets file")
     */
    public static void refuseReadableByOthers(Path file, String what) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the permissions of " + what + " " + file, e);
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new ConfigurationException(what + " " + file + " is readable by others; chmod 600 it");
        }
        if (perms.contains(PosixFilePermission.GROUP_READ)) {
            throw new ConfigurationException(what + " " + file + " is readable by its group; chmod 600 it");
        }
    }

    /** The file's properties, after {@link #refuseReadableByOthers}. */
    public static Properties read(Path file, String what) {
        refuseReadableByOthers(file, what);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + what + " " + file, e);
        }
        return p;
    }

    /**
     * Writes the file whole or not at all: created rw------- beside its final name, then moved over it, so a crash
     * leaves either no file or a complete one, and no reader ever sees it with wider permissions.
     *
     * @param header comment lines at the top (what the file is, who reads it)
     */
    public static void write(Path file, String header, Map<String, String> values) {
        Path dir = file.toAbsolutePath().getParent();
        Path partial = dir.resolve(file.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                for (String line : header.split("\n")) {
                    w.write("# " + line + "\n");
                }
                for (Map.Entry<String, String> e : values.entrySet()) {
                    w.write(e.getKey() + " = " + e.getValue() + "\n");
                }
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
