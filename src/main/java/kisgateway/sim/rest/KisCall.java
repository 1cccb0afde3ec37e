package kisgateway.sim.rest;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.RoutingContext;
import kisgateway.sim.SimAccount;
import kisgateway.sim.auth.AppKeyDirectory;

/** One REST call that passed the gate: who made it, which TR, when it was admitted, and its input. */
final class KisCall {
    static final String FIELD_NOT_FOUND = "OPSQ2002";
    static final String INVALID_ACCOUNT = "OPSQ2000";

    final RoutingContext rc;
    final String appKey;
    final String trId;
    final long admittedNanos;
    final ObjectNode body;
    private final AppKeyDirectory appKeys;

    KisCall(RoutingContext rc, String appKey, String trId, long admittedNanos, ObjectNode body,
            AppKeyDirectory appKeys) {
        this.rc = rc;
        this.appKey = appKey;
        this.trId = trId;
        this.admittedNanos = admittedNanos;
        this.body = body;
        this.appKeys = appKeys;
    }

    String header(String name) {
        String v = rc.request().getHeader(name);
        return v == null ? "" : v;
    }

    /** A query parameter, "" when absent. KIS query names are uppercase and case-sensitive. */
    String query(String name) {
        String v = rc.request().getParam(name);
        return v == null ? "" : v;
    }

    boolean hasQuery(String name) {
        return rc.request().getParam(name) != null;
    }

    /** A continuation call: request header tr_cont "N" (kis_auth.py _url_fetch). */
    boolean continuation() {
        return "N".equals(header("tr_cont"));
    }

    /** A POST body field: uppercase key, string value ("POST API의 경우 BODY값의 key값들을 대문자로"). */
    String field(String name) {
        JsonNode v = body == null ? null : body.get(name);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /** The first required body field that is missing or not a string, or null. */
    String missingField(String... names) {
        for (String name : names) {
            if (field(name) == null) {
                return name;
            }
        }
        return null;
    }

    /** The first required query parameter that is absent, or null. */
    String missingQuery(String... names) {
        for (String name : names) {
            if (!hasQuery(name)) {
                return name;
            }
        }
        return null;
    }

    void replyFieldMissing(String name) {
        KisReply.inputError(rc, FIELD_NOT_FOUND, "ERROR : INPUT FIELD NOT FOUND [" + name + "]", trId);
    }

    void replyInvalidAccount() {
        KisReply.inputError(rc, INVALID_ACCOUNT, "ERROR : INPUT INVALID_CHECK_ACNO", trId);
    }

    void reply(BusinessMessages.Message m) {
        KisReply.message(rc, m, trId);
    }

    void reply(ObjectNode body, String trCont) {
        KisReply.json(rc, 200, trId, trCont, body);
    }

    /**
     * Checks the required query parameters and the account they name (CANO, ACNT_PRDT_CD); on a problem the
     * answer is already sent and the result is empty.
     */
    Optional<SimAccount> accountFromQuery(String... required) {
        return checkedAccount(missingQuery(required), query("CANO"), query("ACNT_PRDT_CD"));
    }

    /** Like {@link #accountFromQuery} for the fields of a POST body. */
    Optional<SimAccount> accountFromBody(String... required) {
        return checkedAccount(missingField(required), field("CANO"), field("ACNT_PRDT_CD"));
    }

    private Optional<SimAccount> checkedAccount(String missing, String cano, String productCode) {
        if (missing != null) {
            replyFieldMissing(missing);
            return Optional.empty();
        }
        Optional<SimAccount> account = account(cano, productCode);
        if (account.isEmpty()) {
            replyInvalidAccount();
        }
        return account;
    }

    /** Accounts of this app key only; the product code is always 01 (종합). */
    private Optional<SimAccount> account(String cano, String productCode) {
        if (!SimAccount.PRODUCT_CODE.equals(productCode)) {
            return Optional.empty();
        }
        return appKeys.account(appKey, cano);
    }
}
