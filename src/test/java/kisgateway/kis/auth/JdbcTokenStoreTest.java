package kisgateway.kis.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kisgateway.app.db.DatabaseTimeouts;
import kisgateway.app.db.GatewayDataSource;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.FakeClock;
import kisgateway.kis.FakeTicker;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcTokenStoreTest {

    private static EmbeddedPostgres postgres;
    private JdbcTokenStore store;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.start();
        // The real schema: the main branch's Flyway migrations (kis_tokens is in V1__base_schema.sql).
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                .migrate();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void emptyTable() throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("delete from kis_tokens");
        }
        store = new JdbcTokenStore(postgres.getPostgresDatabase());
    }

    @Test
    void savesLoadsReplacesAndDeletes() {
        Instant issued = Instant.parse("2026-07-09T00:00:00.123456Z");
        StoredToken first = new StoredToken("ab12", TokenKind.ACCESS, "c1", issued, issued.plus(Duration.ofDays(1)));
        store.save(first);
        assertThat(store.load("ab12", TokenKind.ACCESS)).contains(first);
        assertThat(store.load("ab12", TokenKind.APPROVAL)).isEmpty();
        StoredToken second = new StoredToken("ab12", TokenKind.ACCESS, "c2", issued.plusSeconds(60),
                issued.plus(Duration.ofDays(2)));
        store.save(second);
        assertThat(store.load("ab12", TokenKind.ACCESS)).contains(second);
        store.save(new StoredToken("ab12", TokenKind.APPROVAL, "c3", issued, issued.plusSeconds(1)));
        store.delete("ab12", TokenKind.ACCESS);
        assertThat(store.load("ab12", TokenKind.ACCESS)).isEmpty();
        assertThat(store.load("ab12", TokenKind.APPROVAL)).isPresent();
    }

    /**
     * Another instance issuing holds the lock for as long as KIS takes (retries included), far longer than the
     * pool's statement, lock and socket bounds allow one statement: waiting for it must not be cut off by them,
     * and the connection goes back to the pool with the pool's bounds again.
     */
    @Test
    void theIssuanceLockWaitsPastThePoolsBoundsAndGivesThemBack() throws Exception {
        DatabaseTimeouts bounds = new DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofMillis(600),
                Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(1000), Duration.ofMillis(250));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (GatewayDataSource pool = GatewayDataSource.connect(postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "", 2, bounds);
             Connection other = postgres.getPostgresDatabase().getConnection();
             Statement otherInstance = other.createStatement()) {
            JdbcTokenStore bounded = new JdbcTokenStore(pool.dataSource());
            otherInstance.execute("select pg_advisory_lock(hashtext('kis_tokens'), hashtext('ab12/ACCESS'))");
            java.util.concurrent.Future<TokenStore.IssuanceLock> waiting = executor.submit(() ->
                    bounded.lockIssuance("ab12", TokenKind.ACCESS, Duration.ofSeconds(20)));
            // held past the socket (1 s), statement (0.6 s) and lock (0.3 s) bounds of the pool
            org.awaitility.Awaitility.await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                    .until(() -> !waiting.isDone());
            otherInstance.execute("select pg_advisory_unlock(hashtext('kis_tokens'), hashtext('ab12/ACCESS'))");
            waiting.get(5, java.util.concurrent.TimeUnit.SECONDS).close();

            try (Connection a = pool.dataSource().getConnection(); Connection b = pool.dataSource().getConnection()) {
                for (Connection c : java.util.List.of(a, b)) {
                    try (Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("select current_setting('statement_timeout'),"
                                 + " current_setting('lock_timeout')")) {
                        rs.next();
                        assertThat(rs.getString(1)).isEqualTo("600ms");
                        assertThat(rs.getString(2)).isEqualTo("300ms");
                    }
                    assertThat(c.getNetworkTimeout()).isEqualTo(1000);
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** The acceptance case of issue 4: a restarted gateway reuses the stored token, KIS sees no second issuance. */
    @Test
    void aRestartedServiceReusesTheTokenAndTheRowHoldsNoSecret() throws Exception {
        AppCredentials credentials = AppCredentials.of(AccessTokenServiceTest.APP_KEY, AccessTokenServiceTest.APP_SECRET);
        FakeClock clock = new FakeClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        FakeTicker ticker = new FakeTicker();
        FakeIssuer issuer = new FakeIssuer(clock, ticker, Duration.ofHours(24));
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            AccessToken issued = newService(issuer, clock, ticker, executor).accessToken(credentials);
            AccessToken reused = newService(issuer, clock, ticker, executor).accessToken(credentials);
            assertThat(reused).isEqualTo(issued);
            assertThat(issuer.calls()).isEqualTo(1);
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("select app_key_id, token_kind, token_ciphertext from kis_tokens")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(credentials.appKey().id()).hasSize(64);
                assertThat(row.getString(2)).isEqualTo("ACCESS");
                assertThat(row.getString(3)).doesNotContain(issued.reveal())
                        .doesNotContain(AccessTokenServiceTest.APP_KEY);
                assertThat(row.next()).isFalse();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Issue 17: instances sharing the store (three services, each with its own cache, as three gateways) starting at
     * the same moment issue one token between them; the others wait for it and take it from the store. And when
     * it is due, the refresh of every instance renews it once.
     */
    @Test
    void instancesSharingTheStoreIssueOneTokenBetweenThemAndRenewItOnce() throws Exception {
        AppCredentials credentials = AppCredentials.of(AccessTokenServiceTest.APP_KEY, AccessTokenServiceTest.APP_SECRET);
        FakeClock clock = new FakeClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        FakeTicker ticker = new FakeTicker();
        FakeIssuer issuer = new FakeIssuer(clock, ticker, Duration.ofHours(24));
        issuer.gate = new java.util.concurrent.CountDownLatch(1);
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            java.util.List<AccessTokenService> instances = java.util.List.of(newService(issuer, clock, ticker, executor),
                    newService(issuer, clock, ticker, executor), newService(issuer, clock, ticker, executor));
            java.util.List<java.util.concurrent.Future<AccessToken>> tokens = new java.util.ArrayList<>();
            for (AccessTokenService instance : instances) {
                tokens.add(executor.submit(() -> instance.accessToken(credentials)));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> issuer.calls() == 1);
            issuer.gate.countDown();
            AccessToken first = tokens.get(0).get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (var token : tokens) {
                assertThat(token.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(first);
            }
            assertThat(issuer.calls()).as("one issuance for three instances").isEqualTo(1);

            // 23 h 50 min later the token is due (15 min margin): every instance's scheduled refresh runs
            clock.advance(Duration.ofHours(23).plusMinutes(50));
            ticker.advanceNanos(Duration.ofHours(23).plusMinutes(50).toNanos());
            java.util.List<java.util.concurrent.Future<Boolean>> refreshes = new java.util.ArrayList<>();
            for (AccessTokenService instance : instances) {
                refreshes.add(executor.submit(() -> instance.refreshIfDue(credentials)));
            }
            for (var refresh : refreshes) {
                refresh.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(issuer.calls()).as("renewed once").isEqualTo(2);
            AccessToken renewed = instances.get(0).accessToken(credentials);
            assertThat(renewed).isNotEqualTo(first);
            for (AccessTokenService instance : instances) {
                assertThat(instance.accessToken(credentials)).isEqualTo(renewed);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private AccessTokenService newService(FakeIssuer issuer, Clock clock, FakeTicker ticker, ExecutorService executor) {
        return new AccessTokenService(issuer, store, TokenSettings.defaults(), clock, ticker, nanos -> { },
                executor, new SimpleMeterRegistry());
    }
}
