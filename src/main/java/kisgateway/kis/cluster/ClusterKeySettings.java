package kisgateway.kis.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.budget.RateBudgetSettings;

/**
 * What every gateway instance trading one app key must agree on, by the configuration key an operator would
 * change. KIS counts calls per app key, whatever instance makes them, and a key is valid on one KIS domain only
 * (a paper key is refused by the real hosts and the other way round), so an instance that paces the key
 * differently or sends it elsewhere is a misconfiguration, found at start rather than as EGW00201 or EGW00103
 * later.
 *
 * <ul>
 *   <li>{@code kis.mode}: sim, paper or live; it decides the TR IDs and the notice TR as well;</li>
 *   <li>{@code kis.rest-url}, {@code kis.ws-url}: the hosts the key is used on (any instance may come to hold
 *       the notice stream); without their user info, which may hold a proxy's password;</li>
 *   <li>{@code kis.rest.permits-per-second}, {@code kis.rest.safety-margin-ms}: the key's REST budget, the mode's
 *       KIS limit when the first is blank.</li>
 * </ul>
 * The order reserve and the time-to-live of a wait are not in it: they share out one instance's own slots
 * between its callers and do not change how fast the key goes out.
 *
 * <p>A setting one side has and the other has not (a version that agrees on one setting more) counts as a
 * difference: an instance cannot tell whether the cluster would agree.
 */
public record ClusterKeySettings(Map<String, String> values) {

    public static final String MODE = "kis.mode";
    public static final String REST_URL = "kis.rest-url";
    public static final String WS_URL = "kis.ws-url";
    public static final String REST_PERMITS_PER_SECOND = "kis.rest.permits-per-second";
    public static final String REST_SAFETY_MARGIN_MS = "kis.rest.safety-margin-ms";

    /** Stands for a setting one side does not have. */
    public static final String NOT_RECORDED = "(not recorded)";

    public ClusterKeySettings {
        Objects.requireNonNull(values, "values");
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "setting name");
            Objects.requireNonNull(v, () -> "value of " + k);
        });
        // sorted: the stored row, the log line and the error list the settings in one order
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The settings an instance runs the key with: its KIS environment and its REST budget. */
    public static ClusterKeySettings of(KisEnvironment environment, RateBudgetSettings restBudget) {
        return new ClusterKeySettings(Map.of(
                MODE, environment.mode().name().toLowerCase(java.util.Locale.ROOT),
                REST_URL, withoutUserInfo(environment.restBaseUri()),
                WS_URL, withoutUserInfo(environment.webSocketUri()),
                REST_PERMITS_PER_SECOND, String.valueOf(restBudget.permitsPerSecond()),
                REST_SAFETY_MARGIN_MS, String.valueOf(restBudget.safetyMargin().toMillis())));
    }

    /**
     * Where this instance's settings differ from the cluster's, in the order of the setting names; empty when
     * they agree.
     */
    public List<SettingDifference> differencesFrom(ClusterKeySettings cluster) {
        TreeSet<String> names = new TreeSet<>(values.keySet());
        names.addAll(cluster.values.keySet());
        List<SettingDifference> out = new ArrayList<>();
        for (String name : names) {
            String theirs = cluster.values.getOrDefault(name, NOT_RECORDED);
            String ours = values.getOrDefault(name, NOT_RECORDED);
            if (!theirs.equals(ours)) {
                out.add(new SettingDifference(name, theirs, ours));
            }
        }
        return List.copyOf(out);
    }

    public boolean agreesWith(ClusterKeySettings cluster) {
        return differencesFrom(cluster).isEmpty();
    }

    /**
     * A trailing slash is not another host: {@code https://h:9443/} and {@code https://h:9443} agree. User info
     * is dropped, it is a credential and the row is readable by anyone with the database.
     */
    static String withoutUserInfo(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null) + path;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a KIS URL: " + uri.getScheme() + "://" + uri.getHost(), e);
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
