package kisgateway.kis.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import kisgateway.kis.KisAccount;

/** The first two fields of every account call, CANO and ACNT_PRDT_CD, in an ordered map to add the rest to. */
final class AccountFields {

    private AccountFields() {
    }

    static Map<String, String> of(KisAccount account) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("CANO", account.cano().reveal());
        fields.put("ACNT_PRDT_CD", account.productCode());
        return fields;
    }
}
