package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.kis.rest.DailyExecution;
import kisgateway.kis.rest.DailyExecutionPage;
import kisgateway.kis.rest.DailyExecutionQuery;
import kisgateway.kis.rest.KisPages;
import kisgateway.kis.rest.OrderAck;
import kisgateway.kis.rest.OrderCancellation;
import kisgateway.kis.rest.OrderDivision;
import kisgateway.sim.HeaderNameCase;
import kisgateway.sim.KisEnv;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTP header names are case-insensitive, and the adapter must read them so whatever KIS's spelling does next:
 * the same token, order, cancel and paginated inquiry (the {@code tr_cont} header decides every next page) against
 * a simulator spelling names as KIS does and against one spelling every name in lower case. The names on the wire
 * are read off a raw socket first, so the test knows which spelling it met. Paper domain: 15 rows a page.
 */
class HeaderNameCaseAgainstSimulatorTest {

    private static final String SYMBOL = "005930";

    @ParameterizedTest
    @EnumSource(HeaderNameCase.class)
    void theAdapterReadsKisAnswersWhicheverCaseTheHeaderNamesComeIn(HeaderNameCase names) throws IOException {
        SimAccount a = SimulatedKis.uniqueAccount("case" + names, names == HeaderNameCase.KIS ? "66000001" : "66000002");
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER).restLimitPerSecond(0)
                .pricePathFrozen(true).accounts(List.of(a)).headerNames(names).build())) {
            List<String> onTheWire = headerNamesOfAnAnswer(URI.create(sim.restBaseUrl()));
            assertThat(onTheWire).contains(names == HeaderNameCase.KIS ? "Content-Type" : "content-type", "gt_uid");

            SimulatedKis kis = SimulatedKis.paper(sim).permitsPerSecond(1_000).build();
            KisAccount account = SimulatedKis.account(a);
            BigDecimal lower = kis.inquiry.price(account, SYMBOL, CallTerms.query()).lowerLimit();
            int pageSize = kis.environment.pageSize(KisFunction.DAILY_EXECUTIONS_RECENT);
            int orders = 2 * pageSize + 4;
            for (int i = 0; i < orders - 2; i++) {
                kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 1, lower), CallTerms.order());
            }
            OrderAck last = kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 2, lower),
                    CallTerms.order());
            kis.trading.cancelOrder(account, OrderCancellation.allRemaining(last.orgNo(), last.orderNo(),
                    OrderDivision.LIMIT), CallTerms.order());

            LocalDate today = sim.market().clock().nowSeoul().toLocalDate();
            KisPages<DailyExecutionPage> pages = kis.inquiry.dailyExecutions(account,
                    DailyExecutionQuery.between(today, today), CallTerms.backfill());
            List<DailyExecution> rows = pages.stream().flatMap(p -> p.orders().stream()).toList();
            assertThat(pages.fetched()).isEqualTo(3);
            assertThat(rows).hasSize(orders).extracting(DailyExecution::orderNo).doesNotHaveDuplicates();
            assertThat(rows).filteredOn(DailyExecution::cancelled).hasSize(1);
        }
    }

    /** An unauthenticated call (EGW00102): its header names exactly as written. */
    private static List<String> headerNamesOfAnAnswer(URI rest) throws IOException {
        try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /uapi/domestic-stock/v1/quotations/inquire-price?FID_COND_MRKT_DIV_CODE=J"
                    + "&FID_INPUT_ISCD=005930 HTTP/1.1\r\nHost: " + rest.getAuthority() + "\r\ntr_id: FHKST01010100"
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2)[0];
            List<String> names = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("HTTP/")) {
                    names.add(line.substring(0, colon));
                }
            }
            return names;
        }
    }
}
