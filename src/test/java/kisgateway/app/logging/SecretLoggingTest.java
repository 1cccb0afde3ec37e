package kisgateway.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kisgateway.app.GatewayApplication;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Planted secrets (an app key, an app secret, an HTS ID, an account number, a token) never reach the log, at
 * any level, whether passed as a log argument, inside an exception message or a cause, through the
 * production log pattern.
 */
class SecretLoggingTest {

    private static final String APP_KEY = "PSPLANTEDappKEY0123456789abcdefghijk";
    private static final String APP_SECRET = "PLANTEDsecret" + "x".repeat(150) + "ENDofSECRET0123";
    private static final String HTS_ID = "plantedhts";
    private static final String CANO = "99887766";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJwbGFudGVkIn0.cGxhbnRlZC1zaWduYXR1cmUtdmFsdWU";

    @Test
    void noPlantedSecretAppearsInTheLogAtAnyLevel(@TempDir Path dir) throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logging);
        encoder.setPattern(productionPattern());
        encoder.start();
        appender.setContext(logging);
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger ours = logging.getLogger("kisgateway");
        Logger camel = logging.getLogger("org.apache.camel");
        Level oursBefore = ours.getLevel();
        Level camelBefore = camel.getLevel();
        root.addAppender(appender);
        ours.setLevel(Level.TRACE);
        camel.setLevel(Level.DEBUG);
        try {
            Map<String, String> planted = Map.of(
                    "kis.accounts", "planted",
                    "kis.account.planted.app-key", APP_KEY,
                    "kis.account.planted.app-secret", APP_SECRET,
                    "kis.account.planted.hts-id", HTS_ID,
                    "kis.account.planted.cano", CANO,
                    "broker.embedded.vm-id", "31",
                    "gateway.operator.auth-file", dir.resolve("auth").toString());
            try (GatewayApplication app = GatewayApplication.start(TestConfig.load(planted))) {
                SecretMask.register(TOKEN);
                org.slf4j.Logger log = LoggerFactory.getLogger("kisgateway.test.SecretLogging");
                for (String secret : new String[] {APP_KEY, APP_SECRET, HTS_ID, CANO, TOKEN}) {
                    log.trace("trace secret={}", secret);
                    log.debug("debug secret={}", secret);
                    log.info("info secret={}", secret);
                    log.warn("warn secret=" + secret);
                    log.error("error with a cause", new IllegalStateException("outer " + secret,
                            new RuntimeException("inner appsecret=" + secret)));
                }
                log.info("jwt never registered: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvdGhlciJ9.c2lnbmF0dXJlLW90aGVy");
            }
        } finally {
            root.detachAppender(appender);
            ours.setLevel(oursBefore);
            camel.setLevel(camelBefore);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("kis-gateway started").contains("info secret=****").contains("outer ****")
                .contains("inner appsecret=****");
        for (String secret : new String[] {APP_KEY, APP_SECRET, HTS_ID, CANO, TOKEN, "PLANTEDsecret",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvdGhlciJ9"}) {
            assertThat(log).as("log contains a planted secret").doesNotContain(secret);
        }
    }

    /** The pattern of the production logback.xml, so the test checks what the gateway really writes. */
    private static String productionPattern() throws Exception {
        String xml = Files.readString(TestConfig.projectDir().resolve("src/main/resources/logback.xml"));
        Matcher m = Pattern.compile("<pattern>(.*?)</pattern>").matcher(xml);
        assertThat(m.find()).isTrue();
        String pattern = m.group(1);
        assertThat(pattern).contains("%maskedMsg").contains("%maskedEx").doesNotContain("%msg").doesNotContain("%m%");
        return pattern;
    }
}
