package kisgateway.app.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lock file {@code postmaster.pid} of a PostgreSQL data directory, and whether the postmaster that wrote it
 * still runs.
 *
 * <p>PostgreSQL takes the owner as alive when {@code kill(pid, 0)} succeeds. The embedded postmaster is started with
 * {@code pg_ctl start}, which leaves it a child of init, not of the JVM; killed (with the gateway: a crashed
 * container, an OOM kill), it is init's to reap, and where init reaps late or never (a container's first process
 * often does not) it stays a zombie whose pid answers: PostgreSQL then refuses the directory ("lock file
 * postmaster.pid already exists") until someone reaps it. A zombie, a pid that
 * is gone, or a pid that now belongs to some other program is not a postmaster, and its lock is stale.
 */
final class PostmasterLock {

    static final String FILE = "postmaster.pid";

    /** What the running check needs of the operating system; Linux's /proc, or nothing elsewhere. */
    interface ProcessTable {
        /** The line of /proc/&lt;pid&gt;/stat, empty when the process does not exist; null when there is no /proc. */
        Optional<String> stat(long pid);
    }

    static final ProcessTable PROC = pid -> {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc.resolve("self"))) {
            return null;
        }
        try {
            return Optional.of(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException unreadable) {
            // a process of another user whose stat we may not read is somebody's: take it as running
            return Optional.of(pid + " (postgres) S");
        }
    };

    private PostmasterLock() {
    }

    /** The pid the lock names; empty when there is no lock, or it is not (yet) written out. */
    static OptionalLong owner(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(FILE));
            if (lines.isEmpty()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (NoSuchFileException none) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException unreadable) {
            // PostgreSQL writes the file in steps; a half-written one is PostgreSQL's to judge
            return OptionalLong.empty();
        }
    }

    static boolean running(long pid) {
        return running(pid, PROC);
    }

    static boolean running(long pid, ProcessTable table) {
        Optional<String> stat = table.stat(pid);
        if (stat == null) {
            // no /proc: zombies and reused pids cannot be told apart; a live pid keeps the lock, as PostgreSQL decides
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        return stat.map(PostmasterLock::isLivePostgres).orElse(false);
    }

    /** A /proc stat line is "pid (comm) state ..."; comm may itself hold spaces and parentheses. */
    static boolean isLivePostgres(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.length()) {
            return true;
        }
        String comm = stat.substring(open + 1, close);
        char state = stat.charAt(close + 2);
        boolean dead = state == 'Z' || state == 'X' || state == 'x';
        return !dead && comm.startsWith("postgres");
    }
}
