package kisgateway.kis;

import java.util.Objects;

/**
 * One trading account as KIS addresses it: CANO (8 digits) + product code ("01" 종합), the app registration
 * whose key pays for its calls, and the HTS ID its execution notices are subscribed with.
 * Every secret component masks itself, so this record's toString is safe to log.
 */
public record KisAccount(String alias, AppCredentials credentials, HtsId htsId, AccountNumber cano, String productCode) {

    public KisAccount {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(htsId, "htsId");
        Objects.requireNonNull(cano, "cano");
        if (productCode == null || !productCode.matches("\\d{2}")) {
            throw new IllegalArgumentException("product code (ACNT_PRDT_CD) must be 2 digits");
        }
    }

    public static KisAccount of(String alias, String appKey, String appSecret, String htsId, String cano,
                                String productCode) {
        return new KisAccount(alias, AppCredentials.of(appKey, appSecret), new HtsId(htsId),
                new AccountNumber(cano), productCode);
    }

    public AppKey appKey() {
        return credentials.appKey();
    }
}
