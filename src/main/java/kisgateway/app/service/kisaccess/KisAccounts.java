package kisgateway.app.service.kisaccess;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.kis.KisAccount;

/**
 * The KIS accounts this gateway trades, by alias. Everything outside the KIS layer names an account by its
 * alias; the account number, app key and HTS ID stay here.
 */
public final class KisAccounts {

    private final Map<String, KisAccount> byAlias;
    /** CANO, then product code: every execution notice is looked up here, without building a key. */
    private final Map<String, Map<String, KisAccount>> byNumber;

    public KisAccounts(Collection<KisAccount> accounts) {
        Map<String, KisAccount> map = new LinkedHashMap<>();
        for (KisAccount a : accounts) {
            if (map.put(a.alias(), a) != null) {
                throw new ConfigurationException("account alias '" + a.alias() + "' is configured twice");
            }
        }
        this.byAlias = Map.copyOf(map);
        Map<String, Map<String, KisAccount>> numbers = new java.util.HashMap<>();
        for (KisAccount a : map.values()) {
            numbers.computeIfAbsent(a.cano().reveal(), c -> new java.util.HashMap<>()).putIfAbsent(a.productCode(), a);
        }
        numbers.replaceAll((cano, byProduct) -> Map.copyOf(byProduct));
        this.byNumber = Map.copyOf(numbers);
    }

    /** Reads {@code kis.accounts} and each alias's {@code kis.account.<alias>.*} keys. */
    public static KisAccounts fromConfig(GatewayConfig config) {
        List<KisAccount> accounts = config.list("kis.accounts").stream().map(alias -> {
            String prefix = "kis.account." + alias + ".";
            for (String field : List.of("app-key", "app-secret", "hts-id", "cano")) {
                if (!config.has(prefix + field)) {
                    throw new ConfigurationException("account '" + alias + "' needs " + prefix + field
                            + " (environment " + kisgateway.app.config.GatewayConfigLoader.environmentName(prefix + field)
                            + " or the secrets file)");
                }
            }
            return KisAccount.of(alias, config.require(prefix + "app-key"), config.require(prefix + "app-secret"),
                    config.require(prefix + "hts-id"), config.require(prefix + "cano"),
                    config.string(prefix + "product-code", "01"));
        }).toList();
        return new KisAccounts(accounts);
    }

    public boolean isEmpty() {
        return byAlias.isEmpty();
    }

    public Set<String> aliases() {
        return byAlias.keySet();
    }

    public Collection<KisAccount> all() {
        return byAlias.values();
    }

    public KisAccount require(String alias) {
        KisAccount a = byAlias.get(alias);
        if (a == null) {
            throw new IllegalArgumentException("no account '" + alias + "' in this gateway");
        }
        return a;
    }

    /** The account an execution notice's ACNT_NO (CANO + product code) belongs to. */
    public Optional<KisAccount> byAccountNumber(String cano, String productCode) {
        Map<String, KisAccount> byProduct = byNumber.get(cano);
        return Optional.ofNullable(byProduct == null ? null : byProduct.get(productCode));
    }

    @Override
    public String toString() {
        return "KisAccounts" + byAlias.keySet();
    }
}
