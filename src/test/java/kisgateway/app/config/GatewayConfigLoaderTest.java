package kisgateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {

    @TempDir
    Path base;

    @BeforeEach
    void baseFiles() throws IOException {
        Files.writeString(base.resolve("application.properties"), """
                kis.mode = sim
                gateway.http.port = 8080
                gateway.http.host = 127.0.0.1
                camel.server.port = {{gateway.http.port}}
                kis.accounts = main
                gateway.strategies =
                kis.secrets-file =
                broker.url = vm://0
                greeting = {{env:KIS_TEST_GREETING:hello}}
                """);
        Files.writeString(base.resolve("application-paper.properties"), """
                broker.url = tcp://broker:61616
                """);
    }

    private static GatewayConfigLoader loader(Map<String, String> env, Map<String, String> sys) {
        Properties p = new Properties();
        p.putAll(sys);
        return new GatewayConfigLoader(env, p);
    }

    @Test
    void theModeSelectsItsProfileFile() {
        GatewayConfig sim = loader(Map.of(), Map.of()).load(base, Optional.empty());
        assertThat(sim.require("broker.url")).isEqualTo("vm://0");

        GatewayConfig paper = loader(Map.of("KIS_MODE", "paper"), Map.of()).load(base, Optional.empty());
        assertThat(paper.mode()).isEqualTo("paper");
        assertThat(paper.require("broker.url")).isEqualTo("tcp://broker:61616");
    }

    @Test
    void environmentOverridesFilesAndSystemPropertiesOverrideEnvironment() {
        GatewayConfig c = loader(Map.of("GATEWAY_HTTP_PORT", "9090"), Map.of()).load(base, Optional.empty());
        assertThat(c.integer("gateway.http.port")).isEqualTo(9090);
        assertThat(c.require("camel.server.port")).as("placeholders see the override").isEqualTo("9090");

        GatewayConfig d = loader(Map.of("GATEWAY_HTTP_PORT", "9090"), Map.of("gateway.http.port", "7070"))
                .load(base, Optional.empty());
        assertThat(d.integer("gateway.http.port")).isEqualTo(7070);
    }

    @Test
    void aConfigDirectoryOverlaysTheDefaults(@TempDir Path override) throws IOException {
        Files.writeString(override.resolve("application.properties"), "gateway.http.port = 8181\n");
        Files.writeString(override.resolve("application-paper.properties"), "broker.url = tcp://elsewhere:61616\n");
        GatewayConfig c = loader(Map.of(), Map.of("kis.mode", "paper")).load(base, Optional.of(override));
        assertThat(c.integer("gateway.http.port")).isEqualTo(8181);
        assertThat(c.require("broker.url")).isEqualTo("tcp://elsewhere:61616");
    }

    @Test
    void accountSecretsComeFromTheEnvironmentAndStayOutOfCamelsView() {
        GatewayConfig c = loader(Map.of("KIS_ACCOUNT_MAIN_APP_SECRET", "s3cr3t-value-123",
                "KIS_ACCOUNT_MAIN_APP_KEY", "PSkey-value-123"), Map.of()).load(base, Optional.empty());
        assertThat(c.require("kis.account.main.app-secret")).isEqualTo("s3cr3t-value-123");
        assertThat(c.withoutSecrets()).doesNotContainKeys("kis.account.main.app-secret", "kis.account.main.app-key");
        assertThat(c.withoutSecrets()).containsKey("gateway.http.port");
        assertThat(c.secretValues()).contains("s3cr3t-value-123", "PSkey-value-123");
        assertThat(c.toString()).doesNotContain("s3cr3t-value-123").doesNotContain("PSkey-value-123");
    }

    @Test
    void aSecretsFileIsReadAndMustNotBeWorldReadable(@TempDir Path home) throws IOException {
        Path secrets = home.resolve("secrets.properties");
        Files.writeString(secrets, "kis.account.main.app-secret = from-the-file-123\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        GatewayConfig c = loader(Map.of(), Map.of("kis.secrets-file", secrets.toString())).load(base, Optional.empty());
        assertThat(c.require("kis.account.main.app-secret")).isEqualTo("from-the-file-123");

        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> loader(Map.of(), Map.of("kis.secrets-file", secrets.toString())).load(base, Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("readable by others");
    }

    @Test
    void aSecretsFileReadableByItsGroupIsRefusedToo(@TempDir Path home) throws IOException {
        Path secrets = home.resolve("secrets.properties");
        Files.writeString(secrets, "kis.account.main.app-secret = from-the-file-123\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> loader(Map.of(), Map.of("kis.secrets-file", secrets.toString())).load(base, Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("readable by its group")
                .hasMessageNotContaining("from-the-file-123");
    }

    @Test
    void aPasswordInTheDatabaseUrlIsMaskedWhereverTheConfigurationIsShown() {
        GatewayConfig c = loader(Map.of(), Map.of("db.url", "jdbc:postgresql://db:5432/kis?user=kis&password=hunter2-xyz&ssl=true"))
                .load(base, Optional.empty());
        assertThat(c.require("db.url")).as("the gateway itself connects with it").contains("password=hunter2-xyz");
        assertThat(c.toString()).doesNotContain("hunter2-xyz");
        assertThat(c.withoutSecrets().getProperty("db.url")).doesNotContain("hunter2-xyz").contains("ssl=true");
        assertThat(c.secretValues()).as("the log masker learns it").contains("hunter2-xyz");
    }

    @Test
    void inLiveModeSecretsComeFromTheEnvironmentOrTheFileNeverFromSystemProperties() {
        // a -D is in every process listing (ps, /proc/<pid>/cmdline) for any user of the machine to read
        assertThatThrownBy(() -> loader(Map.of("KIS_MODE", "live"),
                Map.of("kis.account.main.app-secret", "on-the-command-line-1")).load(base, Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("kis.account.main.app-secret")
                .hasMessageNotContaining("on-the-command-line-1");
        assertThatThrownBy(() -> loader(Map.of("KIS_MODE", "live"), Map.of("db.password", "pw-on-the-command-line"))
                .load(base, Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("db.password");
        assertThatThrownBy(() -> loader(Map.of("KIS_MODE", "live"),
                Map.of("db.url", "jdbc:postgresql://db/kis?password=pw-in-a-url")).load(base, Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("db.url")
                .hasMessageNotContaining("pw-in-a-url");

        GatewayConfig live = loader(Map.of("KIS_MODE", "live", "KIS_ACCOUNT_MAIN_APP_SECRET", "from-the-env-1"),
                Map.of("gateway.http.port", "9090")).load(base, Optional.empty());
        assertThat(live.require("kis.account.main.app-secret")).isEqualTo("from-the-env-1");
        assertThat(live.require("gateway.http.port")).as("other -D settings stay allowed").isEqualTo("9090");
        assertThat(loader(Map.of(), Map.of("kis.account.main.app-secret", "sim-only-1")).load(base, Optional.empty())
                .require("kis.account.main.app-secret")).as("sim and the tests may").isEqualTo("sim-only-1");
    }

    @Test
    void aSystemPropertyCanSetAKeyNoFileNamesAsPerAccountRiskLimitsAre() {
        GatewayConfig c = loader(Map.of(), Map.of("risk.limits.account.main.max-gross-exposure-krw", "1000000",
                "java.unrelated.property", "x")).load(base, Optional.empty());
        assertThat(c.withPrefix("risk.limits.account.")).containsEntry("main.max-gross-exposure-krw", "1000000");
        assertThat(c.withPrefix("java.")).isEmpty();
    }

    @Test
    void environmentFunctionsResolveWithTheirDefaults() {
        assertThat(loader(Map.of(), Map.of()).load(base, Optional.empty()).require("greeting")).isEqualTo("hello");
        assertThat(loader(Map.of("KIS_TEST_GREETING", "annyeong"), Map.of()).load(base, Optional.empty()).require("greeting"))
                .isEqualTo("annyeong");
    }

    @Test
    void badInputIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> loader(Map.of("KIS_MODE", "production"), Map.of()).load(base, Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("kis.mode");
        GatewayConfig c = loader(Map.of("GATEWAY_HTTP_PORT", "eighty"), Map.of()).load(base, Optional.empty());
        assertThatThrownBy(() -> c.integer("gateway.http.port")).hasMessageContaining("gateway.http.port");
        assertThatThrownBy(() -> c.require("db.url")).hasMessageContaining("db.url");
    }

    @Test
    void eachStrategysKeysComeFromTheEnvironmentAsAnAccountsDo() {
        // docker-compose configures strategies in the environment: GATEWAY_STRATEGY_<ID>_*, for the ids listed
        GatewayConfig c = loader(Map.of("GATEWAY_STRATEGIES", "alpha,beta-2",
                "GATEWAY_STRATEGY_ALPHA_ACCOUNTS", "main",
                "GATEWAY_STRATEGY_ALPHA_API_KEY_SHA256", "ab12",
                "GATEWAY_STRATEGY_ALPHA_BROKER_USER", "alpha-sender",
                "GATEWAY_STRATEGY_BETA_2_BROKER_USER", "beta-sender",
                "GATEWAY_STRATEGY_GAMMA_BROKER_USER", "not-listed"), Map.of()).load(base, Optional.empty());
        assertThat(c.list("gateway.strategies")).containsExactly("alpha", "beta-2");
        assertThat(c.require("gateway.strategy.alpha.accounts")).isEqualTo("main");
        assertThat(c.require("gateway.strategy.alpha.api-key-sha256")).isEqualTo("ab12");
        assertThat(c.require("gateway.strategy.alpha.broker-user")).isEqualTo("alpha-sender");
        assertThat(c.require("gateway.strategy.beta-2.broker-user")).isEqualTo("beta-sender");
        assertThat(c.has("gateway.strategy.gamma.broker-user")).as("a strategy not listed").isFalse();
    }

    @Test
    void theRepositoryConfigurationLoadsInEveryMode() {
        Path repo = Path.of(System.getProperty("kisgateway.project.dir", ".")).resolve("config");
        for (String mode : new String[] {"sim", "paper", "live"}) {
            GatewayConfig c = loader(Map.of("KIS_MODE", mode), Map.of("kis.secrets-file", "")).load(repo, Optional.empty());
            assertThat(c.mode()).isEqualTo(mode);
            assertThat(c.bool("broker.embedded")).isEqualTo(mode.equals("sim"));
            assertThat(c.bool("gateway.operator.auth-required")).isEqualTo(!mode.equals("sim"));
        }
    }
}
