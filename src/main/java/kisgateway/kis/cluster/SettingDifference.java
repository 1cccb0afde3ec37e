package kisgateway.kis.cluster;

import java.util.Objects;

/**
 * One setting on which an instance and its cluster disagree for an app key.
 *
 * @param name         the configuration key the operator changes ({@code kis.rest.permits-per-second})
 * @param clusterValue what the cluster runs the key with, or {@link ClusterKeySettings#NOT_RECORDED}
 * @param ownValue     what this instance is configured with, or {@link ClusterKeySettings#NOT_RECORDED}
 */
public record SettingDifference(String name, String clusterValue, String ownValue) {

    public SettingDifference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clusterValue, "clusterValue");
        Objects.requireNonNull(ownValue, "ownValue");
    }

    @Override
    public String toString() {
        return name + " is " + clusterValue + " in the cluster, " + ownValue + " here";
    }
}
