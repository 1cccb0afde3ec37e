package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kisgateway.kis.auth.JdbcTokenStore;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A restarted gateway reuses the stored token (KIS messages the account holder on every issuance): adapter
 * instance 1 gets a token through a {@link JdbcTokenStore} on a real PostgreSQL; a brand-new instance 2 (new token
 * service, new budgets, same database) trades and queries, and the simulator has seen exactly one issuance.
 */
class TokenReuseAcrossRestartTest {

    @Test
    void aBrandNewAdapterOnTheSameDatabaseMakesCallsWithoutANewIssuance() throws Exception {
        SimAccount a = SimulatedKis.uniqueAccount("restart", "66000001");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().accounts(List.of(a))
                     .pricePathFrozen(true).build())) {
            DataSource database = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
            KisAccount account = SimulatedKis.account(a);

            SimulatedKis before = SimulatedKis.sim(sim).store(new JdbcTokenStore(database)).build();
            BigDecimal lower = before.inquiry.price(account, "005930", CallTerms.query()).lowerLimit();
            String token = before.tokens.accessToken(account.credentials()).reveal();
            assertThat(sim.stats().count(a.appKey(), "tokensIssued")).isEqualTo(1);

            SimulatedKis after = SimulatedKis.sim(sim).store(new JdbcTokenStore(database)).build();
            after.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, "005930", 1, lower), CallTerms.order());
            after.inquiry.balance(account, CallTerms.query()).all();
            after.inquiry.price(account, "005930", CallTerms.query());

            assertThat(sim.stats().count(a.appKey(), "tokenCalls")).as("tokenP calls").isEqualTo(1);
            assertThat(sim.stats().count(a.appKey(), "tokensIssued")).isEqualTo(1);
            assertThat(sim.stats().count(a.appKey(), "restCalls")).isEqualTo(4);
            assertThat(after.tokens.accessToken(account.credentials()).reveal()).isEqualTo(token);
            assertThat(after.meters.get("kis.token.reused").counter().count()).isEqualTo(1);
            assertThat(after.meters.find("kis.token.refreshes").counter().count()).isZero();
            try (Connection c = database.getConnection(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("select app_key_id, token_ciphertext from kis_tokens")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(account.appKey().id()).doesNotContain(a.appKey());
                assertThat(rows.getString(2)).as("stored encrypted").doesNotContain(token)
                        .doesNotContain(token.substring(40, 80));
            }
        }
    }
}
