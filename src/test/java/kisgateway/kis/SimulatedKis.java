package kisgateway.kis;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kisgateway.kis.auth.AccessTokenService;
import kisgateway.kis.auth.ApprovalKeyService;
import kisgateway.kis.auth.InMemoryTokenStore;
import kisgateway.kis.auth.KisAuthClient;
import kisgateway.kis.auth.TokenSettings;
import kisgateway.kis.auth.TokenStore;
import kisgateway.kis.budget.RateBudgetRegistry;
import kisgateway.kis.budget.RateBudgetSettings;
import kisgateway.kis.error.KisResponseClassifier;
import kisgateway.kis.http.KisHttpTransport;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.kis.rest.KisRestClient;
import kisgateway.kis.rest.KisTradingApi;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;

/**
 * The KIS adapter wired the way {@code kisgateway.app.service.kisaccess.KisClients#create} wires it (one environment, one HTTP
 * transport, one token service, one approval-key service, ONE rate-budget registry) and pointed at a simulator,
 * for the acceptance tests. Each knob the tests turn is one the gateway's configuration turns too.
 */
public final class SimulatedKis {

    public final KisEnvironment environment;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final TokenStore store;
    public final AccessTokenService tokens;
    public final ApprovalKeyService approvalKeys;
    public final RateBudgetRegistry budgets;
    public final KisTradingApi trading;
    public final KisInquiryApi inquiry;

    private SimulatedKis(Builder b) {
        environment = b.environment;
        ObjectMapper json = new ObjectMapper();
        KisHttpTransport transport = KisHttpTransport.create(Duration.ofSeconds(3), b.requestTimeout);
        KisResponseClassifier classifier = new KisResponseClassifier(json);
        KisAuthClient auth = new KisAuthClient(environment, transport, classifier, json, Clock.systemUTC());
        store = b.store;
        tokens = AccessTokenService.create(auth, store, b.tokenSettings, meters);
        approvalKeys = ApprovalKeyService.create(auth, store, b.tokenSettings, meters);
        budgets = new RateBudgetRegistry("rest", RateBudgetSettings.of(environment.restPermitsPerSecond()),
                NanoTicker.SYSTEM, meters);
        KisRestClient rest = new KisRestClient(environment, transport, classifier, json, tokens, budgets,
                NanoTicker.SYSTEM);
        trading = new KisTradingApi(rest, Clock.systemUTC());
        inquiry = new KisInquiryApi(rest, b.maxPages);
    }

    /** An adapter in SIM mode (the real protocol: T… TRs, 18/s) against this simulator. */
    public static Builder sim(KisSimulator simulator) {
        return new Builder(KisEnvironment.sim(URI.create(simulator.restBaseUrl()),
                URI.create(simulator.wsBaseUrl() + "/tryitout")));
    }

    /** An adapter in PAPER mode (V… TRs, 1/s) whose hosts are this simulator's. */
    public static Builder paper(KisSimulator simulator) {
        return new Builder(KisEnvironment.paper().withHosts(URI.create(simulator.restBaseUrl()),
                URI.create(simulator.wsBaseUrl() + "/tryitout")));
    }

    /** The adapter's view of a simulator customer. */
    public static KisAccount account(SimAccount a) {
        return KisAccount.of("acct" + a.cano(), a.appKey(), a.appSecret(), a.htsId(), a.cano(), SimAccount.PRODUCT_CODE);
    }

    /** A simulator customer whose key no other test uses (the shared token table is keyed by app key). */
    public static SimAccount uniqueAccount(String tag, String cano) {
        String key = ("PS" + tag.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "")
                + Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT) + "0".repeat(36)).substring(0, 36);
        return new SimAccount(key, "SECRET" + key + "s".repeat(138), "hts" + cano.substring(4), cano);
    }

    public static final class Builder {
        private KisEnvironment environment;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private TokenStore store = new InMemoryTokenStore();
        private TokenSettings tokenSettings = TokenSettings.defaults();
        private int maxPages = KisInquiryApi.DEFAULT_MAX_PAGES;

        private Builder(KisEnvironment environment) {
            this.environment = environment;
        }

        /** kis.rest.permits-per-second */
        public Builder permitsPerSecond(int permits) {
            environment = environment.withRestPermitsPerSecond(permits);
            return this;
        }

        /** kis.tr-generation */
        public Builder trGeneration(TrGeneration generation) {
            environment = environment.withTrGeneration(generation);
            return this;
        }

        /** kis.rest-url: e.g. a port where nothing listens. */
        public Builder restBase(URI rest) {
            environment = environment.withHosts(rest, null);
            return this;
        }

        /** kis.rest.request-timeout-ms */
        public Builder requestTimeout(Duration timeout) {
            requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder store(TokenStore tokenStore) {
            store = Objects.requireNonNull(tokenStore);
            return this;
        }

        public Builder tokenSettings(TokenSettings settings) {
            tokenSettings = Objects.requireNonNull(settings);
            return this;
        }

        /** kis.rest.max-pages */
        public Builder maxPages(int pages) {
            maxPages = pages;
            return this;
        }

        public SimulatedKis build() {
            return new SimulatedKis(this);
        }
    }
}
