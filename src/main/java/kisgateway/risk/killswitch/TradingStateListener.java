package kisgateway.risk.killswitch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a kill-switch move made through another gateway instance to this one's {@link KillSwitchBoard} within
 * milliseconds: PostgreSQL LISTEN on the channel {@value #CHANNEL}, which a trigger on {@code trading_states}
 * notifies on every committed change, on one connection of its own held by a daemon thread.
 *
 * <p>PostgreSQL rather than an Artemis multicast: the notice is part of the transaction that moves the switch
 * (it leaves on commit, never for a rolled-back change, and a move made by hand in psql is announced too), and it
 * depends on nothing the switch does not already depend on. A topic would be a second system that can fail on its
 * own: an instance could read the switches and be deaf on the broker, and a message could go out for a change that
 * then failed to commit.
 *
 * <p>A notice only says "something changed": the board re-reads every switch (a handful of rows). On (re)connect
 * the order is LISTEN first, then the full read ({@link KillSwitchBoard#reloadAndConfirm()}): a change committed
 * after the LISTEN is notified, one committed before it is in the read, so none falls in between.
 *
 * <p>When the connection fails (database restart, network, the backend terminated) or a re-read after a notice
 * fails, the board is marked unknown at once and stays so until a new connection listens and a full read
 * succeeded; meanwhile {@link KillSwitchCheck} refuses new orders and revisions. A quiet connection is probed
 * ({@code select 1}) every probe interval, its answer bounded by the network timeout, so that a connection the
 * network dropped silently (no reset) is found within the two rather than after TCP's keep-alive hours.
 */
public final class TradingStateListener implements AutoCloseable {

    public static final String CHANNEL = "trading_states";

    private static final Logger LOG = LoggerFactory.getLogger(TradingStateListener.class);

    /**
     * @param probeInterval how long a quiet connection waits for a notice before it is probed
     * @param probeTimeout  how long any answer on the connection may take before it is judged broken
     * @param retryInterval pause between attempts to listen again after a failure
     */
    public record Settings(Duration probeInterval, Duration probeTimeout, Duration retryInterval) {
        public Settings {
            for (Duration d : new Duration[] {probeInterval, probeTimeout, retryInterval}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("listener intervals must be positive: " + d);
                }
            }
        }
    }

    private final DataSource connections;
    private final String applicationName;
    private final KillSwitchBoard board;
    private final Settings settings;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Connection listening;

    private TradingStateListener(DataSource connections, String applicationName, KillSwitchBoard board,
                                 Settings settings) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
        this.board = Objects.requireNonNull(board, "board");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thread = new Thread(this::run, "kill-switch-listener");
        thread.setDaemon(true);
    }

    /**
     * Starts listening on a thread of its own.
     *
     * @param connections     a source of connections that are not pooled: the listener keeps one for its lifetime
     * @param applicationName the connection's {@code application_name}, so that operators (and tests) can find
     *                        its backend in {@code pg_stat_activity}
     */
    public static TradingStateListener start(DataSource connections, String applicationName, KillSwitchBoard board,
                                             Settings settings) {
        TradingStateListener listener = new TradingStateListener(connections, applicationName, board, settings);
        listener.thread.start();
        return listener;
    }

    private void run() {
        boolean quietRetry = false;
        while (!stopping()) {
            try (Connection c = connections.getConnection()) {
                listening = c;
                listen(c);
                board.reloadAndConfirm();
                LOG.info("kill switch listener listening channel={} application={}", CHANNEL, applicationName);
                quietRetry = false;
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (stopping()) {
                    break;
                }
                board.markUnknown(e.getClass().getSimpleName() + ": " + e.getMessage());
                if (quietRetry) {
                    LOG.debug("kill switch listener still cannot listen error=\"{}\"", e.getMessage());
                } else {
                    LOG.warn("kill switch listener lost its connection error=\"{}\" retryInMs={}", e.getMessage(),
                            settings.retryInterval().toMillis());
                }
                quietRetry = true;
            } finally {
                listening = null;
            }
            pause(settings.retryInterval());
        }
    }

    private void listen(Connection c) throws SQLException {
        c.setClientInfo("ApplicationName", applicationName);
        c.setAutoCommit(true);
        // bounds every read on this connection but the wait for notices, which sets its own timeout
        c.setNetworkTimeout(Runnable::run, (int) settings.probeTimeout().toMillis());
        try (Statement s = c.createStatement()) {
            s.execute("listen " + CHANNEL);
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        int waitMs = (int) settings.probeInterval().toMillis();
        while (!stopping()) {
            PGNotification[] notices = pg.getNotifications(waitMs);
            if (notices != null && notices.length > 0) {
                board.reload();
                LOG.info("kill switches reloaded on notice notices={} first={}", notices.length, notices[0].getParameter());
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
            }
        }
    }

    private boolean stopping() {
        return closing.getCount() == 0;
    }

    private void pause(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    /** Stops listening and drops the connection; the board keeps its last copy. */
    @Override
    public void close() {
        closing.countDown();
        Connection c = listening;
        if (c != null) {
            try {
                // wakes the thread out of its wait for notices at once instead of after the probe interval
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("kill switch listener connection abort failed error=\"{}\"", e.getMessage());
            }
        }
        try {
            thread.join(settings.probeInterval().plus(settings.probeTimeout()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
