package kisgateway.kis.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An instance's settings for one or more of its app keys differ from the cluster's: it must not trade with
 * them. The message names each key as the logs do ({@code app_key=} and the first 8 hex characters of the key's
 * SHA-256), its accounts, and each differing setting with the cluster's value and this instance's; never a key.
 */
public final class ClusterKeySettingsConflict extends RuntimeException {

    /**
     * @param label       the key's log label
     * @param accounts    this instance's account aliases on the key
     * @param differences what differs, at least one
     */
    public record KeyConflict(String label, List<String> accounts, List<SettingDifference> differences) {
        public KeyConflict {
            accounts = List.copyOf(accounts);
            differences = List.copyOf(differences);
            if (differences.isEmpty()) {
                throw new IllegalArgumentException("a conflict needs a difference");
            }
        }

        @Override
        public String toString() {
            return "app_key=" + label + " (account" + (accounts.size() == 1 ? " " : "s ") + String.join(", ", accounts)
                    + "): " + differences.stream().map(SettingDifference::toString).collect(Collectors.joining("; "));
        }
    }

    private final List<KeyConflict> conflicts;

    /** @param remedy how an operator resolves it, appended to the message */
    public ClusterKeySettingsConflict(List<KeyConflict> conflicts, String remedy) {
        super(message(conflicts, remedy));
        this.conflicts = List.copyOf(conflicts);
    }

    private static String message(List<KeyConflict> conflicts, String remedy) {
        return "this instance's settings differ from the cluster's for "
                + conflicts.stream().map(KeyConflict::toString).collect(Collectors.joining(" | "))
                + ". It does not start. " + remedy;
    }

    public List<KeyConflict> conflicts() {
        return conflicts;
    }
}
