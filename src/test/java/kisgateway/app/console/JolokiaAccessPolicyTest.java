package kisgateway.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kisgateway.app.config.ConfigurationException;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Jolokia policy with the allowed origins put in; Jolokia's own reading of it is proven over HTTP in
 * HawtioJolokiaAccessTest. Here: what the gateway refuses to hand Jolokia.
 */
class JolokiaAccessPolicyTest {

    private static final Path SHIPPED = TestConfig.projectDir().resolve("config/jolokia-access.xml");

    @Test
    void putsEachOriginAndItsPagesIntoTheStrictCorsSection(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("policy.xml");
        JolokiaAccessPolicy.of(SHIPPED, List.of("http://127.0.0.1:8081", "HTTPS://Ops.Example.com")).write(out);
        String policy = Files.readString(out);
        assertThat(policy).contains("<allow-origin>http://127.0.0.1:8081</allow-origin>")
                .contains("<allow-origin>http://127.0.0.1:8081/*</allow-origin>")
                .contains("<allow-origin>https://ops.example.com</allow-origin>")
                .contains("<strict-checking/>")
                .contains("<name>java.lang:type=Runtime</name>");
        assertThat(policy.indexOf("<allow-origin>")).isGreaterThan(policy.indexOf("<cors>"))
                .isLessThan(policy.indexOf("</cors>"));
    }

    @Test
    void refusesOriginsThatWouldWidenCorsAndPoliciesThatLoseStrictChecking(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> JolokiaAccessPolicy.of(SHIPPED, List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("every origin");
        for (String bad : List.of("*", "http://*.example.com", "http://127.0.0.1:8081/hawtio", "127.0.0.1:8081",
                "file:///etc", "http://user@127.0.0.1:8081", "javascript:alert(1)")) {
            assertThatThrownBy(() -> JolokiaAccessPolicy.of(SHIPPED, List.of(bad))).as(bad)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("not an origin");
        }
        Path lax = dir.resolve("lax.xml");
        Files.writeString(lax, Files.readString(SHIPPED).replace("<strict-checking/>", ""));
        assertThatThrownBy(() -> JolokiaAccessPolicy.of(lax, List.of("http://127.0.0.1:8081")))
                .hasMessageContaining("<strict-checking/>");
        Path ownOrigins = dir.resolve("own.xml");
        Files.writeString(ownOrigins, Files.readString(SHIPPED)
                .replace("<strict-checking/>", "<strict-checking/><allow-origin>*</allow-origin>"));
        assertThatThrownBy(() -> JolokiaAccessPolicy.of(ownOrigins, List.of("http://127.0.0.1:8081")))
                .hasMessageContaining("hawtio.allowed-origins");
    }

    @Test
    void theConsolesOwnOriginsFollowItsAddress() {
        assertThat(HawtioConsole.ownOrigins("127.0.0.1", 8081)).containsExactly("http://127.0.0.1:8081", "http://localhost:8081");
        assertThat(HawtioConsole.ownOrigins("0.0.0.0", 8081)).containsExactly("http://127.0.0.1:8081", "http://localhost:8081");
        assertThat(HawtioConsole.ownOrigins("10.1.2.3", 9000)).containsExactly("http://10.1.2.3:9000");
        assertThat(HawtioConsole.ownOrigins("::1", 8081)).containsExactly("http://[::1]:8081", "http://localhost:8081");
    }
}
