package kisgateway.app.service.jobs;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.kis.KisAccount;
import kisgateway.ops.appkeys.AppKeyLiveness;

/**
 * Each app key's service expiry from {@code kis.account.<alias>.app-key-expires} (yyyy-MM-dd, the last day KIS's
 * portal shows, KST). Required outside sim mode; a missing, unreadable or past date stops the start naming the key.
 * Accounts sharing a key share its expiry: the earliest date given counts.
 */
public final class AppKeyExpiries {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private AppKeyExpiries() {
    }

    static String property(String alias) {
        return "kis.account." + alias + ".app-key-expires";
    }

    public static List<AppKeyLiveness.Key> keys(GatewayConfig config, KisAccounts accounts, Clock clock) {
        boolean required = !config.mode().equals("sim");
        LocalDate today = clock.instant().atZone(KST).toLocalDate();
        Map<String, List<String>> aliasesByKey = new LinkedHashMap<>();
        Map<String, LocalDate> expiryByKey = new LinkedHashMap<>();
        Map<String, String> labelByKey = new LinkedHashMap<>();
        // by alias: the same configuration names the same first missing key on every start
        for (KisAccount a : accounts.all().stream().sorted(java.util.Comparator.comparing(KisAccount::alias)).toList()) {
            String key = property(a.alias());
            String keyId = a.appKey().id();
            aliasesByKey.computeIfAbsent(keyId, k -> new ArrayList<>()).add(a.alias());
            labelByKey.put(keyId, a.appKey().label());
            if (!config.has(key)) {
                if (required) {
                    throw new ConfigurationException(key + " is missing: the app key's expiry date from the KIS portal"
                            + " (yyyy-MM-dd), required in " + config.mode() + " mode");
                }
                continue;
            }
            LocalDate expires;
            try {
                expires = LocalDate.parse(config.require(key));
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(key + " is not a date: give the app key's expiry as yyyy-MM-dd");
            }
            if (expires.isBefore(today)) {
                throw new ConfigurationException(key + " = " + expires + " is in the past (today is " + today
                        + "): the app key has expired; renew it on the KIS portal and give the new date");
            }
            expiryByKey.merge(keyId, expires, (x, y) -> x.isBefore(y) ? x : y);
        }
        List<AppKeyLiveness.Key> out = new ArrayList<>();
        aliasesByKey.forEach((keyId, aliases) -> out.add(new AppKeyLiveness.Key(keyId, labelByKey.get(keyId), aliases,
                expiryByKey.get(keyId))));
        return out;
    }
}
