package kisgateway.sim;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The per-app-key sliding one-second window: 18/s real, 1/s paper, EGW00201 beyond. */
class RateLimitTest {

    @Test
    void aBurstOfHundredOrdersSeesAtMostEighteenSuccessesInAnyOneSecondWindow() throws Exception {
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().pricePathFrozen(true).build())) {
            KisTestClient client = new KisTestClient(sim).login();
            long burstStart = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<KisTestClient.Reply>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    replies.add(pool.submit(() -> client.order(true, "005930", "00", 1, 60_000)));
                    // spread the burst over about 2.5 s so that it spans several windows
                    Thread.sleep(25);
                }
                int ok = 0;
                int limited = 0;
                for (Future<KisTestClient.Reply> f : replies) {
                    KisTestClient.Reply r = f.get(10, TimeUnit.SECONDS);
                    if (r.rtCd().equals("0")) {
                        ok++;
                    } else {
                        assertThat(r.status()).isEqualTo(500);
                        assertThat(r.msgCd()).isEqualTo("EGW00201");
                        assertThat(r.text("msg1")).isEqualTo("초당 거래건수를 초과하였습니다.");
                        limited++;
                    }
                }
                assertThat(ok + limited).isEqualTo(100);
                assertThat(ok).isBetween(18, 18 * 4);
                assertThat(sim.stats().count(SimAccount.demo().appKey(), "egw00201")).isEqualTo(limited);
                // the times behind those counts: the burst offered more than 18 in some second, KIS admitted 18
                var times = sim.stats().restCallTimes(SimAccount.demo().appKey());
                assertThat(times.since(burstStart, false)).hasSize(100);
                assertThat(times.since(burstStart, true)).hasSize(ok);
                assertThat(times.busiestSecond(burstStart, true).calls()).isEqualTo(18);
                assertThat(times.busiestSecond(burstStart, false).calls()).isGreaterThan(18);

                List<OffsetDateTime> booked = new ArrayList<>();
                for (JsonNode o : client.truth().path("orders")) {
                    booked.add(OffsetDateTime.parse(o.path("orderedAt").asText()));
                }
                assertThat(booked).hasSize(ok);
                booked.sort(null);
                for (int i = 0; i + 18 < booked.size(); i++) {
                    assertThat(Duration.between(booked.get(i), booked.get(i + 18)))
                            .as("19 successes within one second from %s", booked.get(i))
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void paperAllowsOneCallPerSecondAndEveryFunctionShares() {
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER).build())) {
            KisTestClient client = new KisTestClient(sim).paper(true).login();
            Map<String, String> price = Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930");
            assertThat(client.get("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100", price)
                    .rtCd()).isEqualTo("0");
            KisTestClient.Reply second = client.order(true, "005930", "01", 1, 0);
            assertThat(second.status()).isEqualTo(500);
            assertThat(second.msgCd()).isEqualTo("EGW00201");
            await().atMost(3, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.order(true, "005930", "01", 1, 0).rtCd().equals("0"));
        }
    }

    @Test
    void eachAppKeyHasItsOwnBudget() {
        SimAccount other = new SimAccount("PSRATEKEY2", "secret2", "hts2", "50000002");
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER)
                .accounts(List.of(SimAccount.demo(), other)).build())) {
            KisTestClient a = new KisTestClient(sim).paper(true).login();
            KisTestClient b = new KisTestClient(sim.restBaseUrl(), other).paper(true).login();
            Map<String, String> price = Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930");
            assertThat(a.get("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100", price).rtCd())
                    .isEqualTo("0");
            assertThat(b.get("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100", price).rtCd())
                    .isEqualTo("0");
            assertThat(a.get("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100", price).msgCd())
                    .isEqualTo("EGW00201");
        }
    }
}
