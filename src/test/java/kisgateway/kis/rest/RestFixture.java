package kisgateway.kis.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.FakeClock;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.ScriptedHttpServer;
import kisgateway.kis.auth.AccessToken;
import kisgateway.kis.auth.AccessTokenProvider;
import kisgateway.kis.budget.RateBudgetRegistry;
import kisgateway.kis.budget.RateBudgetSettings;
import kisgateway.kis.error.KisResponseClassifier;
import kisgateway.kis.http.KisHttpTransport;

/** The REST layer wired against a {@link ScriptedHttpServer}, with a token provider that counts issuances. */
final class RestFixture implements AutoCloseable {

    static final String APP_KEY = "PSrestAppKey0123456789abcdefghijklmn";
    static final String APP_SECRET = "restSecret" + "Z".repeat(170);
    static final String CANO = "81055689";
    static final String HTS_ID = "htsuser77";

    /** Hands out "tok-1", then "tok-2" after an invalidation, and so on. */
    static final class CountingTokens implements AccessTokenProvider {
        final AtomicInteger issued = new AtomicInteger(1);

        @Override
        public AccessToken accessToken(AppCredentials credentials, long deadlineNanos) {
            return new AccessToken("tok-" + issued.get() + "-eyJhbGciOiJSUzI1NiJ9.payload");
        }

        @Override
        public void invalidate(AppCredentials credentials, AccessToken refused) {
            issued.incrementAndGet();
        }
    }

    final ScriptedHttpServer server;
    final ObjectMapper json = new ObjectMapper();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CountingTokens tokens = new CountingTokens();
    final FakeClock clock = new FakeClock(Instant.parse("2026-07-09T01:00:00Z"));
    final KisAccount account = new KisAccount("acct-main", AppCredentials.of(APP_KEY, APP_SECRET),
            new kisgateway.kis.HtsId(HTS_ID), new kisgateway.kis.AccountNumber(CANO), "01");
    final RateBudgetRegistry budgets;
    final KisRestClient client;
    final KisTradingApi trading;
    final KisInquiryApi inquiry;

    RestFixture(boolean paper, int maxPages) throws Exception {
        server = new ScriptedHttpServer();
        KisEnvironment environment = paper ? KisEnvironment.paper().withHosts(server.baseUri(), server.baseUri())
                : KisEnvironment.sim(server.baseUri(), server.baseUri());
        budgets = new RateBudgetRegistry("rest", RateBudgetSettings.of(1000), NanoTicker.SYSTEM, meters);
        client = new KisRestClient(environment,
                KisHttpTransport.create(Duration.ofSeconds(2), Duration.ofMillis(700)),
                new KisResponseClassifier(json), json, tokens, budgets, NanoTicker.SYSTEM);
        trading = new KisTradingApi(client, clock);
        inquiry = new KisInquiryApi(client, maxPages);
    }

    RestFixture() throws Exception {
        this(false, KisInquiryApi.DEFAULT_MAX_PAGES);
    }

    double permits(String priority) {
        return meters.get("kis.budget.permits").tag("priority", priority).counter().count();
    }

    @Override
    public void close() {
        server.close();
    }
}
