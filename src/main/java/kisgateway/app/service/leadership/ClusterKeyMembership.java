package kisgateway.app.service.leadership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.service.kisaccess.KisClients;
import kisgateway.kis.AppKey;
import kisgateway.kis.KisAccount;
import kisgateway.kis.cluster.ClusterKeySettings;
import kisgateway.kis.cluster.ClusterKeySettingsConflict;
import kisgateway.kis.cluster.JdbcClusterKeySettingsStore;
import kisgateway.kis.cluster.JdbcClusterKeySettingsStore.KeyUse;
import kisgateway.kis.cluster.JdbcClusterKeySettingsStore.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's place in the cluster of instances sharing its app keys (issue 17): at start, before any route
 * calls KIS, its settings for each key ({@link ClusterKeySettings}) become the cluster's or must equal them, else
 * {@link ClusterKeySettingsConflict} stops the start; then the {@code recordClusterHeartbeat} route marks the keys
 * alive every {@code cluster.key-settings.heartbeat-ms}.
 *
 * <p>An operator changes a value on purpose by stopping every instance of the key and starting them with the new
 * value once the row has not been marked alive for {@code cluster.key-settings.stale-after-ms}, or at once by
 * deleting the row with them all stopped (the refusal prints the statement).
 */
public final class ClusterKeyMembership {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterKeyMembership.class);

    private final JdbcClusterKeySettingsStore store;
    private final List<KeyUse> keys;
    private final ClusterKeySettings own;

    private ClusterKeyMembership(JdbcClusterKeySettingsStore store, List<KeyUse> keys, ClusterKeySettings own) {
        this.store = store;
        this.keys = keys;
        this.own = own;
    }

    /** Registers this instance's keys; throws {@link ClusterKeySettingsConflict} when the cluster runs them otherwise. */
    public static ClusterKeyMembership join(GatewayConfig config, KisClients kis, DataSource dataSource) {
        Duration heartbeat = config.millis("cluster.key-settings.heartbeat-ms");
        Duration staleAfter = config.millis("cluster.key-settings.stale-after-ms");
        if (heartbeat.isNegative() || heartbeat.isZero() || staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            // one late heartbeat must not make a live cluster's settings look abandoned
            throw new ConfigurationException("cluster.key-settings.stale-after-ms (" + staleAfter.toMillis()
                    + ") must be at least twice cluster.key-settings.heartbeat-ms (" + heartbeat.toMillis() + ")");
        }
        Map<String, AppKey> byId = new LinkedHashMap<>();
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        for (KisAccount account : kis.accounts().all()) {
            byId.putIfAbsent(account.appKey().id(), account.appKey());
            accounts.computeIfAbsent(account.appKey().id(), id -> new ArrayList<>()).add(account.alias());
        }
        List<KeyUse> keys = byId.values().stream()
                .map(k -> new KeyUse(k, accounts.get(k.id()).stream().sorted().toList())).toList();
        ClusterKeySettings own = ClusterKeySettings.of(kis.environment(), kis.budgets().settings());
        JdbcClusterKeySettingsStore store = new JdbcClusterKeySettingsStore(dataSource, staleAfter);
        store.register(keys, own).forEach(r -> log(r, own));
        return new ClusterKeyMembership(store, keys, own);
    }

    /** Marks this instance's keys alive (the {@code recordClusterHeartbeat} route). */
    public void heartbeat() {
        // a row is registered again only when an operator deleted it while this instance ran
        store.heartbeat(keys, own).forEach(r -> log(r, own));
    }

    private static void log(Registration r, ClusterKeySettings own) {
        switch (r.outcome()) {
            case FIRST -> LOG.info("event=cluster_key_settings outcome=first app_key={} settings={}",
                    r.key().label(), own);
            case JOINED -> LOG.info("event=cluster_key_settings outcome=joined app_key={} settings={}",
                    r.key().label(), own);
            // the values a cluster that is gone ran with, for whoever wonders later why they changed
            case REPLACED -> LOG.warn("event=cluster_key_settings outcome=replaced app_key={} settings={}"
                    + " previous={} previous_last_seen_at={}", r.key().label(), own, r.previous(),
                    r.previousLastSeen());
        }
    }

    public ClusterKeySettings settings() {
        return own;
    }
}
