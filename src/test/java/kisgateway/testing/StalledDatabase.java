package kisgateway.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A PostgreSQL server that stops answering without closing anything, as a server in a long GC-like pause, a
 * frozen VM or a partitioned network looks to its clients: SIGSTOP of the postmaster and of every process it
 * forked (each connection's backend, the WAL writer, the checkpointer). Sockets stay open, nothing is refused,
 * nothing answers. {@link #close()} sends SIGCONT to all of them; use it in try-with-resources so a failing test
 * never leaves the server stopped (a JVM shutdown hook resumes it too, should the test JVM end first).
 */
public final class StalledDatabase implements AutoCloseable {

    private final List<Long> stopped;
    private final Thread resumeOnExit;
    private boolean resumed;

    private StalledDatabase(List<Long> stopped) {
        this.stopped = stopped;
        this.resumeOnExit = new Thread(() -> signal("CONT", stopped), "stalled-database-resume");
        Runtime.getRuntime().addShutdownHook(resumeOnExit);
    }

    /** Stops the server behind the data source (this machine's); the postmaster is the parent of any backend. */
    public static StalledDatabase stall(DataSource dataSource) throws SQLException {
        long backend;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            backend = rs.getLong(1);
        }
        ProcessHandle postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
                .orElseThrow(() -> new IllegalStateException("no postmaster above backend " + backend));
        List<Long> pids = new ArrayList<>();
        // the postmaster first, so that it forks nothing new while its children are stopped
        pids.add(postmaster.pid());
        signal("STOP", pids);
        postmaster.descendants().forEach(p -> pids.add(p.pid()));
        signal("STOP", pids.subList(1, pids.size()));
        return new StalledDatabase(pids);
    }

    public synchronized void resume() {
        if (!resumed) {
            resumed = true;
            signal("CONT", stopped);
            try {
                Runtime.getRuntime().removeShutdownHook(resumeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    @Override
    public void close() {
        resume();
    }

    private static void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> command.add(String.valueOf(p)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " did not finish");
            }
            // a process that ended meanwhile (a backend whose client left) makes kill exit 1: not a failure here
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal, e);
        }
    }
}
