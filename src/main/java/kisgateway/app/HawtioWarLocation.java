package kisgateway.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import kisgateway.app.config.GatewayConfig;

/**
 * Where the hawtio-default war is: {@code hawtio.war} if set; else {@code lib/hawtio-default.war} beside the
 * running jar (the packaged layout); else {@code target/lib/hawtio-default.war} (running from the build, the
 * tests included; the build copies it there in generate-resources).
 */
final class HawtioWarLocation {

    private HawtioWarLocation() {
    }

    static Path find(GatewayConfig config) {
        if (config.has("hawtio.war")) {
            return config.path("hawtio.war");
        }
        try {
            Path code = Path.of(HawtioWarLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/kis-gateway.jar -> target/lib ; target/classes -> target/lib
            Path besideCode = code.getParent().resolve("lib").resolve("hawtio-default.war");
            if (Files.isRegularFile(besideCode)) {
                return besideCode;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the build layout
        }
        return Path.of("target", "lib", "hawtio-default.war");
    }
}
