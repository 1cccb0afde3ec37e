package kisgateway.sim;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import kisgateway.sim.market.Instrument;
import kisgateway.sim.market.SymbolUniverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorLifecycleTest {

    @Test
    void startsCheaplyOnRandomPortsAndReleasesEverythingOnClose() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (KisSimulator warmUp = KisSimulator.start(SimulatorSettings.defaults())) {
            assertThat(warmUp.restPort()).isPositive();
        }
        long started = System.nanoTime();
        KisSimulator sim = KisSimulator.start(SimulatorSettings.defaults());
        long startMillis = (System.nanoTime() - started) / 1_000_000;
        int rest = sim.restPort();
        int ws = sim.wsPort();
        assertThat(startMillis).as("start time in ms").isLessThan(300);
        assertThat(rest).isNotEqualTo(ws);
        assertThat(sim.restBaseUrl()).isEqualTo("http://127.0.0.1:" + rest);
        assertThat(sim.wsBaseUrl()).isEqualTo("ws://127.0.0.1:" + ws);
        assertThat(sim.accounts()).containsExactly(SimAccount.demo());
        assertThat(new KisTestClient(sim).adminGet("").status()).isEqualTo(200);

        sim.close();
        sim.close();

        try (ServerSocket a = new ServerSocket(rest); ServerSocket b = new ServerSocket(ws)) {
            assertThat(a.getLocalPort()).isEqualTo(rest);
            assertThat(b.getLocalPort()).isEqualTo(ws);
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
                .map(Thread::getName).collect(Collectors.toSet())).as("non-daemon threads left after close").isEmpty();
    }

    @Test
    void demoAccountHasTheDocumentedShape() {
        SimAccount demo = SimAccount.demo();
        assertThat(demo.appKey()).hasSize(36).startsWith("PSDEMO");
        assertThat(demo.appSecret()).hasSize(180).startsWith("PSDEMO");
        assertThat(demo.htsId()).isEqualTo("simdemo");
        assertThat(demo.cano()).isEqualTo("50000001");
        assertThat(demo.accountNumber()).isEqualTo("5000000101");
        assertThat(demo.toString()).doesNotContain(demo.appSecret()).doesNotContain(demo.appKey());
    }

    @Test
    void launcherParsesTheDocumentedOptions() {
        SimulatorSettings s = SimulatorLauncher.parse(new String[] {"--rest-port", "19443", "--ws-port", "21000",
                "--env", "paper", "--account", "KEY1:SECRET:with:colon:hts1:12345678", "--account",
                "KEY2:S2:hts2:87654321", "--clock", "wall", "--seed", "7", "--rest-limit", "5"});
        assertThat(s.restPort()).isEqualTo(19443);
        assertThat(s.wsPort()).isEqualTo(21000);
        assertThat(s.env()).isEqualTo(KisEnv.PAPER);
        assertThat(s.accounts()).containsExactly(new SimAccount("KEY1", "SECRET:with:colon", "hts1", "12345678"),
                new SimAccount("KEY2", "S2", "hts2", "87654321"));
        assertThat(s.clock()).isEqualTo(ClockMode.WALL);
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.restLimitPerSecond()).isEqualTo(5);
        assertThat(SimulatorLauncher.parse(new String[] {"--env", "paper"}).restLimitPerSecond()).isEqualTo(1);
        assertThat(SimulatorLauncher.parse(new String[] {}).restLimitPerSecond()).isEqualTo(18);
        assertThat(SimulatorLauncher.parse(new String[] {}).headerNames()).isEqualTo(HeaderNameCase.KIS);
        assertThat(SimulatorLauncher.parse(new String[] {"--header-names", "lower"}).headerNames())
                .isEqualTo(HeaderNameCase.LOWER);
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--header-names", "upper"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SimulatorLauncher.parse(new String[] {"--help"})).isNull();
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--account", "bad"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--env", "live"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void launcherAddsSymbolsToTheDefaultUniverse() {
        // a customer holding more symbols than a balance page (50 real) needs more than the 11 defaults
        SimulatorSettings s = SimulatorLauncher.parse(new String[] {"--symbol", "900001:벤치:우선주:12340",
                "--symbol", "0001A0:ETN 하나:4995"});
        assertThat(s.symbols()).hasSize(SymbolUniverse.defaults().size() + 2)
                .containsAll(SymbolUniverse.defaults())
                .contains(new Instrument("900001", "벤치:우선주", 12_340), new Instrument("0001A0", "ETN 하나", 4_995));
        assertThat(SimulatorLauncher.usage()).contains("--symbol CODE:NAME:PREVCLOSE");
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--symbol", "900001:벤치"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CODE:NAME:PREVCLOSE");
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--symbol", "900001:벤치:12345"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tick");
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--symbol", "900001:벤치:-100"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--symbol", "900001:벤치:1e9"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CODE:NAME:PREVCLOSE");
        assertThatThrownBy(() -> SimulatorLauncher.parse(new String[] {"--symbol", "005930:또 삼성:1000"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("005930");
        assertThatThrownBy(() -> SimulatorSettings.builder().symbols(List.of(new Instrument("900001", "a", 1_000),
                new Instrument("900001", "b", 2_000))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("900001");
    }
}
