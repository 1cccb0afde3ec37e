package kisgateway.kis.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import kisgateway.jdbc.JdbcTransaction;
import kisgateway.kis.AppKey;

/**
 * The cluster's settings per app key in {@code cluster_key_settings}, one row per key under the key's SHA-256
 * ({@link AppKey#id()}), never the key.
 *
 * <p>Instances starting at the same moment cannot both set different values: each inserts its settings with
 * {@code on conflict do nothing} and, when the row was there already, reads it back under a row lock and compares,
 * all in one transaction. The primary key makes the second insert wait for the first to commit; the lock makes a
 * second replacement of a stale row see the first one's. An instance's keys are taken in the order of their ids,
 * so two instances sharing several keys cannot lock them crosswise.
 *
 * <p>Staleness is judged on the database's clock ({@code now()}): the instances' clocks may differ, and in sim mode
 * the gateway's business clock is the simulator's session clock, which tests move by days.
 */
public final class JdbcClusterKeySettingsStore {

    /** How a start found the key's row. */
    public enum Outcome {
        /** No row: this instance's settings are the cluster's now. */
        FIRST,
        /** The row holds the same settings. */
        JOINED,
        /** The row held other settings nobody had marked alive within the staleness: replaced by this instance's. */
        REPLACED
    }

    /**
     * @param previous         the settings found (null for {@link Outcome#FIRST})
     * @param previousLastSeen their last heartbeat (null for {@link Outcome#FIRST})
     */
    public record Registration(AppKey key, Outcome outcome, ClusterKeySettings previous, Instant previousLastSeen) {
    }

    /** One of an instance's app keys and the aliases of its accounts that use it (for the operator's message). */
    public record KeyUse(AppKey key, List<String> accounts) {
        public KeyUse {
            Objects.requireNonNull(key, "key");
            accounts = List.copyOf(accounts);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };
    /** Enough for an operator deleting the row at the very moment the instance looks at it. */
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final Duration staleAfter;

    /** @param staleAfter how long a row nobody marked alive keeps its settings against a starting instance */
    public JdbcClusterKeySettingsStore(DataSource dataSource, Duration staleAfter) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive");
        }
    }

    /**
     * Registers the instance's settings for each of its keys in one transaction: all are the cluster's afterwards,
     * or none was written and {@link ClusterKeySettingsConflict} names every key that differs.
     */
    public List<Registration> register(List<KeyUse> keys, ClusterKeySettings own) {
        List<KeyUse> ordered = keys.stream().sorted(Comparator.comparing(k -> k.key().id())).toList();
        // rolled back on a conflict: a refused instance leaves none of its keys registered
        return JdbcTransaction.run(dataSource, c -> {
            List<Registration> registrations = new ArrayList<>();
            List<ClusterKeySettingsConflict.KeyConflict> conflicts = new ArrayList<>();
            Instant lastSeen = null;
            for (KeyUse use : ordered) {
                Found found = registerOne(c, use.key(), own);
                if (found.differences().isEmpty()) {
                    registrations.add(found.registration());
                } else {
                    conflicts.add(new ClusterKeySettingsConflict.KeyConflict(use.key().label(), use.accounts(),
                            found.differences()));
                    Instant seen = found.clusterLastSeen();
                    lastSeen = lastSeen == null || seen.isAfter(lastSeen) ? seen : lastSeen;
                }
            }
            if (!conflicts.isEmpty()) {
                throw new ClusterKeySettingsConflict(conflicts, remedy(conflicts, lastSeen));
            }
            return registrations;
        }, e -> new IllegalStateException("the cluster's key settings could not be registered: " + e.getMessage(), e));
    }

    /**
     * Marks the keys alive for an instance running with {@code own}. A row that is gone (an operator deleted it)
     * is registered again; a row that holds other settings now (this instance was not seen for the staleness and
     * another one took the key over) is a {@link ClusterKeySettingsConflict}: the cluster no longer agrees with
     * what this instance runs.
     *
     * @return the registrations of rows that were gone, usually none
     */
    public List<Registration> heartbeat(List<KeyUse> keys, ClusterKeySettings own) {
        List<KeyUse> missed = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update cluster_key_settings set last_seen_at = now()"
                     + " where app_key_id = ? and settings = ?::jsonb")) {
            for (KeyUse use : keys) {
                ps.setString(1, use.key().id());
                ps.setString(2, json(own));
                if (ps.executeUpdate() == 0) {
                    missed.add(use);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster's key settings could not be marked alive: " + e.getMessage(), e);
        }
        return missed.isEmpty() ? List.of() : register(missed, own);
    }

    /**
     * What the row of one key says, under its lock: a registration when the key may go ahead, else the
     * differences and the row's last heartbeat.
     */
    private record Found(Registration registration, List<SettingDifference> differences, Instant clusterLastSeen) {
        static Found registered(Registration registration) {
            return new Found(registration, List.of(), null);
        }
    }

    private Found registerOne(Connection c, AppKey key, ClusterKeySettings own) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (PreparedStatement ps = c.prepareStatement("insert into cluster_key_settings (app_key_id, settings)"
                    + " values (?, ?::jsonb) on conflict (app_key_id) do nothing")) {
                ps.setString(1, key.id());
                ps.setString(2, json(own));
                if (ps.executeUpdate() == 1) {
                    return Found.registered(new Registration(key, Outcome.FIRST, null, null));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select settings::text, last_seen_at,"
                    + " last_seen_at < now() - ? * interval '1 millisecond'"
                    + " from cluster_key_settings where app_key_id = ? for update")) {
                ps.setLong(1, staleAfter.toMillis());
                ps.setString(2, key.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue; // deleted since the insert found it: insert again
                    }
                    ClusterKeySettings cluster = settings(rs.getString(1));
                    Instant lastSeen = rs.getTimestamp(2).toInstant();
                    boolean stale = rs.getBoolean(3);
                    List<SettingDifference> differences = own.differencesFrom(cluster);
                    if (differences.isEmpty()) {
                        touch(c, key, null);
                        return Found.registered(new Registration(key, Outcome.JOINED, cluster, lastSeen));
                    }
                    if (stale) {
                        touch(c, key, own);
                        return Found.registered(new Registration(key, Outcome.REPLACED, cluster, lastSeen));
                    }
                    return new Found(null, differences, lastSeen);
                }
            }
        }
        throw new IllegalStateException("app_key=" + key.label() + ": the cluster's row came and went " + ATTEMPTS
                + " times while this instance registered");
    }

    /** A heartbeat, and with {@code replacement} the cluster's new settings from now. */
    private static void touch(Connection c, AppKey key, ClusterKeySettings replacement) throws SQLException {
        String sql = replacement == null
                ? "update cluster_key_settings set last_seen_at = now() where app_key_id = ?"
                : "update cluster_key_settings set settings = ?::jsonb, registered_at = now(), last_seen_at = now()"
                        + " where app_key_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (replacement != null) {
                ps.setString(i++, json(replacement));
            }
            ps.setString(i, key.id());
            ps.executeUpdate();
        }
    }

    /** The way out, for the operator reading the refusal: the staleness, or the row's deletion. */
    private String remedy(List<ClusterKeySettingsConflict.KeyConflict> conflicts, Instant lastSeen) {
        String rows = conflicts.stream().map(k -> "app_key_id like '" + k.label() + "%'")
                .collect(java.util.stream.Collectors.joining(" or "));
        return "Configure it as the cluster is; or, to change the cluster's values on purpose, stop every instance"
                + " of the key and start them with the new values once none has been alive for "
                + staleAfter.toMillis() + " ms (cluster.key-settings.stale-after-ms; last alive " + lastSeen
                + "), or, with all of them stopped, delete the row at once: delete from cluster_key_settings where "
                + rows;
    }

    private static String json(ClusterKeySettings settings) {
        try {
            return JSON.writeValueAsString(settings.values());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings could not be written as JSON", e);
        }
    }

    private static ClusterKeySettings settings(String json) {
        try {
            return new ClusterKeySettings(JSON.readValue(json, SETTINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cluster_key_settings holds a row that is not a settings object", e);
        }
    }
}
