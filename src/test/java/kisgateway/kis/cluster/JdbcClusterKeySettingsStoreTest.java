package kisgateway.kis.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import kisgateway.kis.AppKey;
import kisgateway.kis.cluster.JdbcClusterKeySettingsStore.KeyUse;
import kisgateway.kis.cluster.JdbcClusterKeySettingsStore.Outcome;
import kisgateway.kis.cluster.JdbcClusterKeySettingsStore.Registration;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/** The cluster's settings per app key on the real PostgreSQL and schema; every test on app keys of its own. */
class JdbcClusterKeySettingsStoreTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcClusterKeySettingsStore store = new JdbcClusterKeySettingsStore(dataSource, STALE_AFTER);

    private static String rawKey() {
        return "PS" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    private static KeyUse use(String rawKey, String... accounts) {
        return new KeyUse(new AppKey(rawKey), List.of(accounts));
    }

    private static ClusterKeySettings settings(String mode, int permits) {
        return new ClusterKeySettings(Map.of("kis.mode", mode, "kis.rest.permits-per-second", String.valueOf(permits),
                "kis.rest-url", "https://openapi.koreainvestment.com:9443"));
    }

    @Test
    void theFirstInstanceSetsTheKeysValuesAndTheSameSettingsJoin() throws Exception {
        String key = rawKey();
        assertThat(store.register(List.of(use(key, "main")), settings("live", 18)))
                .extracting(Registration::outcome).containsExactly(Outcome.FIRST);
        assertThat(store.register(List.of(use(key, "main")), settings("live", 18)))
                .extracting(Registration::outcome).containsExactly(Outcome.JOINED);
        assertThat(row(key)).containsEntry("settings",
                "{\"kis.mode\": \"live\", \"kis.rest-url\": \"https://openapi.koreainvestment.com:9443\","
                        + " \"kis.rest.permits-per-second\": \"18\"}");
    }

    @Test
    void anotherBudgetOrModeForTheKeyIsRefusedNamingTheKeyMaskedAndEachValue() throws Exception {
        String key = rawKey();
        store.register(List.of(use(key, "main")), settings("live", 18));

        assertThatThrownBy(() -> store.register(List.of(use(key, "main")), settings("paper", 5)))
                .isInstanceOf(ClusterKeySettingsConflict.class)
                .hasMessageContaining("app_key=" + new AppKey(key).label() + " (account main)")
                .hasMessageContaining("kis.mode is live in the cluster, paper here")
                .hasMessageContaining("kis.rest.permits-per-second is 18 in the cluster, 5 here")
                .hasMessageContaining("delete from cluster_key_settings where app_key_id like '"
                        + new AppKey(key).label() + "%'")
                .hasMessageNotContaining(key);
        assertThat(row(key).get("settings")).contains("\"live\"").contains("\"18\"");
    }

    @Test
    void aRefusedInstanceLeavesNoneOfItsKeysRegistered() throws Exception {
        String taken = rawKey();
        String fresh = rawKey();
        store.register(List.of(use(taken, "a")), settings("live", 18));

        assertThatThrownBy(() -> store.register(List.of(use(fresh, "b"), use(taken, "a")), settings("live", 5)))
                .isInstanceOf(ClusterKeySettingsConflict.class)
                .hasMessageContaining("app_key=" + new AppKey(taken).label())
                .hasMessageNotContaining("app_key=" + new AppKey(fresh).label());
        assertThat(row(fresh)).as("the agreeing key was not set by an instance that never ran").isEmpty();
    }

    @Test
    void theDatabaseHoldsTheKeysFingerprintNeverTheKey() throws Exception {
        String key = rawKey();
        store.register(List.of(use(key, "main")), settings("live", 18));

        Map<String, String> row = row(key);
        assertThat(row).containsEntry("app_key_id", new AppKey(key).id());
        assertThat(row.values()).noneMatch(cell -> cell.contains(key));
    }

    @Test
    void aKeyNobodyMarkedAliveForTheStalenessTakesTheNextInstancesValues() throws Exception {
        String key = rawKey();
        store.register(List.of(use(key, "main")), settings("live", 18));
        lastSeen(key, STALE_AFTER.minusSeconds(5));
        assertThatThrownBy(() -> store.register(List.of(use(key, "main")), settings("live", 10)))
                .as("alive within the staleness").isInstanceOf(ClusterKeySettingsConflict.class);

        lastSeen(key, STALE_AFTER.plusSeconds(5));
        List<Registration> replaced = store.register(List.of(use(key, "main")), settings("live", 10));

        assertThat(replaced).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REPLACED);
            assertThat(r.previous()).isEqualTo(settings("live", 18));
            assertThat(r.previousLastSeen()).isBefore(Instant.now().minus(STALE_AFTER));
        });
        assertThat(row(key).get("settings")).contains("\"10\"");
        assertThatThrownBy(() -> store.register(List.of(use(key, "main")), settings("live", 18)))
                .hasMessageContaining("kis.rest.permits-per-second is 10 in the cluster, 18 here");
    }

    @Test
    void aHeartbeatKeepsTheKeyAliveAndReportsATakeOver() throws Exception {
        String key = rawKey();
        store.register(List.of(use(key, "main")), settings("live", 18));
        lastSeen(key, STALE_AFTER.plusSeconds(5));

        assertThat(store.heartbeat(List.of(use(key, "main")), settings("live", 18))).isEmpty();
        assertThatThrownBy(() -> store.register(List.of(use(key, "main")), settings("live", 10)))
                .as("the heartbeat made it alive again").isInstanceOf(ClusterKeySettingsConflict.class);

        // this instance was not seen for the staleness and another took the key over with other values
        lastSeen(key, STALE_AFTER.plusSeconds(5));
        store.register(List.of(use(key, "main")), settings("live", 10));
        assertThatThrownBy(() -> store.heartbeat(List.of(use(key, "main")), settings("live", 18)))
                .isInstanceOf(ClusterKeySettingsConflict.class)
                .hasMessageContaining("kis.rest.permits-per-second is 10 in the cluster, 18 here");
    }

    @Test
    void aRowDeletedUnderARunningInstanceIsRegisteredAgainByItsHeartbeat() throws Exception {
        String key = rawKey();
        store.register(List.of(use(key, "main")), settings("live", 18));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from cluster_key_settings where app_key_id = ?")) {
            ps.setString(1, new AppKey(key).id());
            ps.executeUpdate();
        }

        assertThat(store.heartbeat(List.of(use(key, "main")), settings("live", 18)))
                .extracting(Registration::outcome).containsExactly(Outcome.FIRST);
        assertThat(row(key).get("settings")).contains("\"18\"");
    }

    @Test
    void instancesStartingAtOnceWithDifferentValuesAgreeOnOneRow() throws Exception {
        String key = rawKey();
        int instances = 8;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 1; i <= instances; i++) {
                ClusterKeySettings own = settings("live", i);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return store.register(List.of(use(key, "main")), own);
                    } catch (ClusterKeySettingsConflict e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Integer> started = new ArrayList<>();
            List<ClusterKeySettingsConflict> refused = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Object outcome = outcomes.get(i).get();
                if (outcome instanceof ClusterKeySettingsConflict conflict) {
                    refused.add(conflict);
                } else {
                    started.add(i + 1);
                }
            }

            assertThat(started).as("one instance's values are the cluster's").hasSize(1);
            int winner = started.get(0);
            assertThat(row(key).get("settings")).contains("\"kis.rest.permits-per-second\": \"" + winner + "\"");
            assertThat(refused).hasSize(instances - 1).allSatisfy(conflict -> assertThat(conflict)
                    .hasMessageContaining("kis.rest.permits-per-second is " + winner + " in the cluster"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void instancesStartingAtOnceWithTheSameValuesAllStart() throws Exception {
        String key = rawKey();
        int instances = 8;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Registration>>> outcomes = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return store.register(List.of(use(key, "main")), settings("live", 18));
                }));
            }
            go.countDown();
            List<Outcome> seen = new ArrayList<>();
            for (Future<List<Registration>> f : outcomes) {
                seen.add(f.get().get(0).outcome());
            }
            assertThat(seen).containsOnlyOnce(Outcome.FIRST).containsOnly(Outcome.FIRST, Outcome.JOINED);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every column of the key's row as text; empty when there is none. */
    private Map<String, String> row(String rawKey) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from cluster_key_settings where app_key_id = ?")) {
            ps.setString(1, new AppKey(rawKey).id());
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, String> row = new java.util.HashMap<>();
                if (rs.next()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), String.valueOf(rs.getObject(i)));
                    }
                }
                return row;
            }
        }
    }

    /** As if the key's last heartbeat had been {@code ago} ago. */
    private void lastSeen(String rawKey, Duration ago) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update cluster_key_settings"
                     + " set last_seen_at = now() - ? * interval '1 millisecond' where app_key_id = ?")) {
            ps.setLong(1, ago.toMillis());
            ps.setString(2, new AppKey(rawKey).id());
            ps.executeUpdate();
        }
    }
}
