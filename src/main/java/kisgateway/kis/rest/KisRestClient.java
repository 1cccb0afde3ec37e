package kisgateway.kis.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.KisFunction;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.auth.AccessToken;
import kisgateway.kis.auth.AccessTokenProvider;
import kisgateway.kis.budget.AppKeyRateBudget;
import kisgateway.kis.budget.BudgetPermit;
import kisgateway.kis.budget.RateBudgetRegistry;
import kisgateway.kis.error.KisBusinessReject;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisRateLimited;
import kisgateway.kis.error.KisResponseClassifier;
import kisgateway.kis.http.KisHttpRequest;
import kisgateway.kis.http.KisHttpResponse;
import kisgateway.kis.http.KisHttpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KIS {@code /uapi} call, the way every call must be made: TR ID from the environment, a valid token, a send
 * slot from the app key's shared budget (after the token, so that a slow issuance cannot bunch sends), the exact
 * KIS headers, classification of the answer, and one fresh-token retry on EGW00123/121/122.
 */
public final class KisRestClient {

    private static final Logger LOG = LoggerFactory.getLogger(KisRestClient.class);

    private final KisEnvironment environment;
    private final KisHttpTransport transport;
    private final KisResponseClassifier classifier;
    private final ObjectMapper json;
    private final AccessTokenProvider tokens;
    private final RateBudgetRegistry budgets;
    private final NanoTicker ticker;
    /** Told of every call KIS answered (a business refusal too: the key works); must be as cheap as a field write. */
    private final java.util.function.Consumer<kisgateway.kis.AppKey> answered;

    public KisRestClient(KisEnvironment environment, KisHttpTransport transport, KisResponseClassifier classifier,
                         ObjectMapper json, AccessTokenProvider tokens, RateBudgetRegistry budgets, NanoTicker ticker) {
        this(environment, transport, classifier, json, tokens, budgets, ticker, key -> { });
    }

    public KisRestClient(KisEnvironment environment, KisHttpTransport transport, KisResponseClassifier classifier,
                         ObjectMapper json, AccessTokenProvider tokens, RateBudgetRegistry budgets, NanoTicker ticker,
                         java.util.function.Consumer<kisgateway.kis.AppKey> answered) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.json = Objects.requireNonNull(json, "json");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.answered = Objects.requireNonNull(answered, "answered");
    }

    public KisEnvironment environment() {
        return environment;
    }

    /**
     * @param fields UPPERCASE keys with string values: the JSON body of a POST, the query of a GET
     */
    public KisResponse call(KisAccount account, KisFunction function, Map<String, String> fields, PageCursor cursor,
                            CallTerms terms) {
        String trId = environment.trId(function);
        AppKeyRateBudget budget = budgets.forAppKey(account.appKey());
        long deadline = terms.timeToLive() == null ? budget.deadlineFor(terms.priority())
                : ticker.nanoTime() + terms.timeToLive().toNanos();
        return tokens.withFreshTokenRetry(account.credentials(), deadline,
                token -> sendOnce(account, function, trId, fields, cursor, terms, budget, deadline, token));
    }

    private KisResponse sendOnce(KisAccount account, KisFunction function, String trId, Map<String, String> fields,
                                 PageCursor cursor, CallTerms terms, AppKeyRateBudget budget, long deadline,
                                 AccessToken token) {
        KisHttpRequest request = build(account, function, trId, fields, cursor, token);
        BudgetPermit permit = budget.acquire(terms.priority(), deadline, trId);
        tellObserver(terms, trId, permit);
        try {
            KisHttpResponse response;
            try {
                response = transport.send(request);
            } finally {
                // KIS counted the call somewhere between the grant and now: from now on, to be safe
                budget.answered(permit);
            }
            JsonNode body;
            try {
                body = classifier.classifyRest(trId, response.status(), response.body());
            } catch (KisRateLimited e) {
                budget.recordRateLimited();
                throw e;
            }
            LOG.debug("event=kis_call tr_id={} account={} priority={} waited_ms={} status={} tr_cont={}", trId,
                    account.alias(), terms.priority(), permit.waitedNanos() / 1_000_000, response.status(),
                    response.header("tr_cont"));
            answered.accept(account.appKey());
            return new KisResponse(trId, body, response.header("tr_cont"));
        } catch (KisBusinessReject e) {
            answered.accept(account.appKey());
            LOG.info("event=kis_rejected tr_id={} account={} msg_cd={} msg1=\"{}\"", trId, account.alias(), e.msgCd(),
                    e.msg1());
            throw e;
        } catch (KisException e) {
            LOG.warn("event=kis_call_failed tr_id={} account={} priority={} failure={} outcome={} message=\"{}\"", trId,
                    account.alias(), terms.priority(), e.getClass().getSimpleName(), e.sendOutcome(), e.getMessage());
            throw e;
        }
    }

    /** An observer is bookkeeping: whatever it does, the call goes on exactly as without it. */
    private static void tellObserver(CallTerms terms, String trId, BudgetPermit permit) {
        try {
            terms.sendObserver().sending(System.nanoTime(), permit.waitedNanos());
        } catch (RuntimeException e) {
            LOG.warn("event=send_observer_failed tr_id={} error=\"{}\"", trId, e.toString());
        }
    }

    private KisHttpRequest build(KisAccount account, KisFunction function, String trId, Map<String, String> fields,
                                 PageCursor cursor, AccessToken token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("authorization", "Bearer " + token.reveal());
        headers.put("appkey", account.appKey().reveal());
        headers.put("appsecret", account.credentials().appSecret().reveal());
        headers.put("tr_id", trId);
        headers.put("custtype", environment.customerType());
        headers.put("tr_cont", cursor.trContHeader());
        String description = trId + " " + function.path().substring(function.path().lastIndexOf('/') + 1);
        URI base = environment.restBaseUri().resolve(function.path());
        if ("GET".equals(function.method())) {
            return new KisHttpRequest("GET", URI.create(base + "?" + query(fields)), headers, null, description);
        }
        try {
            return new KisHttpRequest(function.method(), base, headers, json.writeValueAsString(fields), description);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings", e);
        }
    }

    /** %20 for spaces, not '+': the padded CTX_AREA values must decode to spaces under any decoder. */
    static String query(Map<String, String> fields) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(field.getKey())).append('=').append(encode(field.getValue()));
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
