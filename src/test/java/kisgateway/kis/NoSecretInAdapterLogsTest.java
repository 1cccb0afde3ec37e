package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import kisgateway.kis.auth.InMemoryTokenStore;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisBusinessReject;
import kisgateway.kis.error.KisCredentialsRejected;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisPermissionDenied;
import kisgateway.kis.error.KisRateLimited;
import kisgateway.kis.error.KisUnavailableBeforeSend;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.fault.FaultPlan;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No app key, app secret, access token or approval key in any log line of the gateway's code (adapter and
 * simulator), at TRACE, while the adapter runs calls and every kind of failure against the simulator. The lines
 * are checked as the code formats them, before the production layout's masking: the masking is a second line
 * of defence (SecretLoggingTest), not a licence to log secrets.
 */
class NoSecretInAdapterLogsTest {

    @Test
    void noSecretOrTokenReachesALogLineThroughCallsAndFailures() throws IOException {
        SimAccount a = SimulatedKis.uniqueAccount("logs", "67000001");
        SimAccount impostor = new SimAccount(a.appKey(), "WRONGSECRET" + "w".repeat(169), a.htsId(), a.cano());
        Set<String> secrets = new LinkedHashSet<>(List.of(a.appKey(), a.appSecret(), impostor.appSecret()));
        Logger ours = (Logger) LoggerFactory.getLogger("kisgateway");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        ours.addAppender(captured);
        ours.setLevel(Level.TRACE);
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().accounts(List.of(a))
                .restLimitPerSecond(3).tokenIssueMinInterval(Duration.ofMillis(200)).pricePathFrozen(true).build())) {
            InMemoryTokenStore store = new InMemoryTokenStore();
            SimulatedKis kis = SimulatedKis.sim(sim).store(store).permitsPerSecond(50)
                    .requestTimeout(Duration.ofMillis(400)).build();
            KisAccount account = SimulatedKis.account(a);
            BigDecimal lower = kis.inquiry.price(account, "005930", CallTerms.query()).lowerLimit();
            secrets.add(kis.tokens.accessToken(account.credentials()).reveal());
            secrets.add(kis.approvalKeys.approvalKey(account.credentials()).reveal());
            List<Class<? extends KisException>> seen = new ArrayList<>();

            sim.outside().setCash(a.cano(), 1_000);
            seen.add(failure(() -> kis.trading.placeCashOrder(account,
                    CashOrder.limit(OrderSide.BUY, "005930", 5, new BigDecimal("71900")), CallTerms.order())));
            sim.faults().expireTokens(a.appKey());
            kis.inquiry.balance(account, CallTerms.query().withTimeToLive(Duration.ofSeconds(10))).all();
            secrets.add(kis.tokens.accessToken(account.credentials()).reveal());
            sim.faults().revokeTokens(a.appKey());
            kis.inquiry.balance(account, CallTerms.query().withTimeToLive(Duration.ofSeconds(10))).all();
            secrets.add(kis.tokens.accessToken(account.credentials()).reveal());
            sim.outside().setCash(a.cano(), 100_000_000);
            sim.faults().plan().ambiguousOrders(1, new FaultPlan.AmbiguousReply(FaultPlan.AmbiguousMode.DROP, 0));
            seen.add(failure(() -> kis.trading.placeCashOrder(account,
                    CashOrder.limit(OrderSide.BUY, "005930", 1, lower), CallTerms.order().withTimeToLive(Duration.ofSeconds(5)))));
            seen.add(failure(() -> SimulatedKis.paper(sim).permitsPerSecond(18).store(store).build().inquiry
                    .balance(account, CallTerms.query()).next()));
            URI nowhere;
            try (ServerSocket socket = new ServerSocket(0)) {
                nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }
            seen.add(failure(() -> SimulatedKis.sim(sim).store(store).restBase(nowhere).build().inquiry
                    .price(account, "005930", CallTerms.query())));
            seen.add(failure(() -> SimulatedKis.sim(sim).build().inquiry.price(SimulatedKis.account(impostor),
                    "005930", CallTerms.query())));

            // last, so that no call after it meets the simulator's full window
            for (int i = 0; i < 6 && !seen.contains(KisRateLimited.class); i++) {
                try {
                    kis.inquiry.price(account, "005930", CallTerms.query());
                } catch (KisRateLimited e) {
                    seen.add(KisRateLimited.class);
                }
            }

            assertThat(seen).containsExactly(KisBusinessReject.class, KisAmbiguousOutcome.class,
                    KisPermissionDenied.class, KisUnavailableBeforeSend.class, KisCredentialsRejected.class,
                    KisRateLimited.class);
            assertThat(sim.stats().count(a.appKey(), "tokensIssued")).isEqualTo(3);
        } finally {
            ours.detachAppender(captured);
            ours.setLevel(before);
        }

        List<String> lines = captured.list.stream().map(NoSecretInAdapterLogsTest::render).toList();
        assertThat(lines).anyMatch(l -> l.contains("event=kis_call ")).anyMatch(l -> l.contains("event=kis_rejected"))
                .anyMatch(l -> l.contains("KisAmbiguousOutcome")).anyMatch(l -> l.contains("credential_issued"))
                .anyMatch(l -> l.contains("credential_invalidated"));
        assertThat(secrets).hasSize(7);
        for (String secret : secrets) {
            for (String line : lines) {
                assertThat(line).as("a log line holds a secret of %d chars", secret.length())
                        .doesNotContain(secret).doesNotContain(secret.substring(0, 12))
                        .doesNotContain(secret.substring(secret.length() - 12));
            }
        }
    }

    private static Class<? extends KisException> failure(Runnable call) {
        try {
            call.run();
        } catch (KisException e) {
            return e.getClass();
        }
        throw new AssertionError("the call did not fail");
    }

    /** The formatted message, MDC and every throwable in the chain with its message and frames. */
    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage())
                .append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append(' ').append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }
}
