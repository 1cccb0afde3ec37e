package kisgateway.app.service.kisaccess;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.logging.SecretMask;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.KisMode;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.TrGeneration;
import kisgateway.kis.auth.AccessTokenService;
import kisgateway.kis.auth.ApprovalKeyService;
import kisgateway.kis.auth.JdbcTokenStore;
import kisgateway.kis.auth.KisAuthClient;
import kisgateway.kis.auth.TokenSettings;
import kisgateway.kis.budget.CallPriority;
import kisgateway.kis.budget.RateBudgetRegistry;
import kisgateway.kis.budget.RateBudgetSettings;
import kisgateway.kis.error.KisResponseClassifier;
import kisgateway.kis.http.KisClockSkew;
import kisgateway.kis.http.KisHttpTransport;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.kis.rest.KisRestClient;
import kisgateway.kis.rest.KisTradingApi;

/**
 * The KIS adapter assembled from configuration: one environment derived from {@code kis.mode}, one token
 * service, one approval-key service and ONE rate-budget registry for the whole JVM, so every route that calls
 * KIS for an app key draws from the same budget.
 */
public final class KisClients {

    private final KisEnvironment environment;
    private final KisAccounts accounts;
    private final AccessTokenService tokens;
    private final ApprovalKeyService approvalKeys;
    private final RateBudgetRegistry budgets;
    private final KisTradingApi trading;
    private final KisInquiryApi inquiry;
    private final KisClockSkew clockSkew;

    private KisClients(KisEnvironment environment, KisAccounts accounts, AccessTokenService tokens,
                       ApprovalKeyService approvalKeys, RateBudgetRegistry budgets, KisTradingApi trading,
                       KisInquiryApi inquiry, KisClockSkew clockSkew) {
        this.environment = environment;
        this.accounts = accounts;
        this.tokens = tokens;
        this.approvalKeys = approvalKeys;
        this.budgets = budgets;
        this.trading = trading;
        this.inquiry = inquiry;
        this.clockSkew = clockSkew;
    }

    /** @param answered told of every REST call KIS answered, per app key (app-key liveness; cheap) */
    public static KisClients create(GatewayConfig config, KisAccounts accounts, DataSource dataSource,
                                    MeterRegistry meters, Clock clock,
                                    java.util.function.Consumer<kisgateway.kis.AppKey> answered) {
        KisEnvironment environment = environment(config);
        ObjectMapper json = new ObjectMapper();
        KisClockSkew clockSkew;
        try {
            clockSkew = new KisClockSkew(config.integer("kis.clock-skew.samples"), config.millis("kis.clock-skew.alert-ms"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("kis.clock-skew.samples / kis.clock-skew.alert-ms: " + e.getMessage());
        }
        registerClockSkewMeters(clockSkew, meters);
        KisHttpTransport transport = KisHttpTransport.create(config.millis("kis.rest.connect-timeout-ms"),
                config.millis("kis.rest.request-timeout-ms"), clock, clockSkew);
        KisResponseClassifier classifier = new KisResponseClassifier(json);
        KisHttpTransport authTransport = KisHttpTransport.create(config.millis("kis.rest.connect-timeout-ms"),
                config.millis("kis.auth.request-timeout-ms"), clock, clockSkew);
        KisAuthClient auth = new KisAuthClient(environment, authTransport, classifier, json, clock);
        JdbcTokenStore store = new JdbcTokenStore(dataSource);
        TokenSettings tokenSettings = TokenSettings.defaults()
                .withRefreshMargin(Duration.ofMinutes(config.longValue("kis.token.refresh-margin-minutes")))
                .withThrottleWait(Duration.ofSeconds(config.longValue("kis.token.throttle-wait-seconds")))
                .withApprovalKeyLifetime(Duration.ofHours(config.longValue("kis.approval-key.lifetime-hours")));
        AccessTokenService tokens = AccessTokenService.create(auth, store, tokenSettings, meters);
        ApprovalKeyService approvalKeys = ApprovalKeyService.create(auth, store, tokenSettings, meters);
        RateBudgetSettings budget = RateBudgetSettings.of(environment.restPermitsPerSecond())
                .withSafetyMargin(config.millis("kis.rest.safety-margin-ms"))
                .withOrderReserve(config.integer("kis.rest.order-reserve"))
                .withTimeToLive(CallPriority.ORDER, config.millis("kis.rest.order-ttl-ms"))
                .withTimeToLive(CallPriority.BACKFILL, config.millis("kis.rest.backfill-ttl-ms"))
                .withTimeToLive(CallPriority.QUERY, config.millis("kis.rest.query-ttl-ms"));
        RateBudgetRegistry budgets = new RateBudgetRegistry("rest", budget, NanoTicker.SYSTEM, meters);
        KisRestClient rest = new KisRestClient(environment, transport, classifier, json, tokens, budgets,
                NanoTicker.SYSTEM, answered);
        accounts.all().forEach(KisClients::registerSecrets);
        return new KisClients(environment, accounts, tokens, approvalKeys, budgets, new KisTradingApi(rest, clock),
                new KisInquiryApi(rest, config.integer("kis.rest.max-pages")), clockSkew);
    }

    /** NaN while no answer with a Date came. */
    private static void registerClockSkewMeters(KisClockSkew clockSkew, MeterRegistry meters) {
        Gauge.builder("kis.clock.skew", clockSkew, s -> s.estimate().map(KisClockSkew.Estimate::skewSeconds)
                        .orElse(Double.NaN))
                .description("KIS's clock minus this host's, from the Date header of KIS's answers (median)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("kis.clock.skew.error", clockSkew, s -> s.estimate().map(KisClockSkew.Estimate::errorSeconds)
                        .orElse(Double.NaN))
                .description("how far kis_clock_skew_seconds may be off: half the Date header's second plus half"
                        + " a round trip (median)")
                .baseUnit("seconds").register(meters);
    }

    /** The one place outside kisgateway.kis that reads kis.mode; everything else comes from the environment. */
    static KisEnvironment environment(GatewayConfig config) {
        KisMode mode = KisMode.parse(config.mode());
        URI rest = config.has("kis.rest-url") ? URI.create(config.require("kis.rest-url")) : null;
        URI ws = config.has("kis.ws-url") ? URI.create(config.require("kis.ws-url")) : null;
        KisEnvironment environment = KisEnvironment.forMode(mode, rest, ws);
        if (config.has("kis.rest.permits-per-second")) {
            environment = environment.withRestPermitsPerSecond(config.integer("kis.rest.permits-per-second"));
        }
        if (config.has("kis.tr-generation")) {
            environment = environment.withTrGeneration(TrGeneration.valueOf(config.require("kis.tr-generation")));
        }
        return environment;
    }

    private static void registerSecrets(KisAccount account) {
        SecretMask.register(account.credentials().appKey().reveal());
        SecretMask.register(account.credentials().appSecret().reveal());
        SecretMask.register(account.htsId().reveal());
        SecretMask.register(account.cano().reveal());
    }

    public KisEnvironment environment() {
        return environment;
    }

    public KisAccounts accounts() {
        return accounts;
    }

    public AccessTokenService tokens() {
        return tokens;
    }

    public ApprovalKeyService approvalKeys() {
        return approvalKeys;
    }

    public RateBudgetRegistry budgets() {
        return budgets;
    }

    public KisTradingApi trading() {
        return trading;
    }

    public KisInquiryApi inquiry() {
        return inquiry;
    }

    /** KIS's clock against this host's, from every answer of the REST port (token issuance included). */
    public KisClockSkew clockSkew() {
        return clockSkew;
    }
}
