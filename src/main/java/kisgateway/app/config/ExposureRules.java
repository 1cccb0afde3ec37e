package kisgateway.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What a mode may embed and where it may listen, checked before anything starts.
 * <ul>
 *   <li>live: no embedded database or broker. Real money's orders and fills need a database and a broker that are
 *   backed up, monitored and outlive one process, not a cluster and a journal in the gateway's data directory.</li>
 *   <li>sim: the operations server and Hawtio on loopback only. The default run's logins are public (the demo API key,
 *   the operator's demo password), its management endpoints open, and an open Jolokia executes JMX operations, which
 *   is running code in the gateway's JVM for whoever reaches the port.</li>
 *   <li>any mode: the embedded broker on loopback only, like the embedded database; tools of other machines belong on
 *   an external broker.</li>
 * </ul>
 */
public final class ExposureRules {

    private ExposureRules() {
    }

    public static void check(GatewayConfig config) {
        String mode = config.mode();
        if (mode.equals("live")) {
            refuseEmbedded(config, "db.embedded", "an external PostgreSQL (DB_URL, DB_USER, DB_PASSWORD)");
            refuseEmbedded(config, "broker.embedded", "an external Artemis (BROKER_URL, BROKER_USER, BROKER_PASSWORD)");
        }
        if (mode.equals("sim")) {
            requireLoopback(config, "gateway.http.host", "in sim mode: its demo API key and operator password are"
                    + " public and its management endpoints open; run paper or live mode (KIS_MODE) to serve other machines");
            if (config.bool("hawtio.enabled")) {
                requireLoopback(config, "hawtio.host", "in sim mode: Hawtio's Jolokia is open there and runs JMX"
                        + " operations for whoever reaches it; run paper or live mode (KIS_MODE) to serve other machines");
            }
        }
        if (config.bool("broker.embedded")) {
            requireLoopback(config, "broker.embedded.host", "for the embedded broker, which listens on loopback only;"
                    + " give tools of other machines an external broker (broker.embedded=false, BROKER_URL)");
        }
    }

    private static void refuseEmbedded(GatewayConfig config, String key, String instead) {
        if (config.bool(key)) {
            throw new ConfigurationException(key + "=true is refused in live mode: real money needs " + instead
                    + ", not one inside the gateway's process and data directory");
        }
    }

    private static void requireLoopback(GatewayConfig config, String key, String why) {
        String host = config.require(key);
        if (!isLoopback(host)) {
            throw new ConfigurationException(key + "=" + host + " is refused " + why + " (a loopback address such as"
                    + " 127.0.0.1 is accepted)");
        }
    }

    /** A name is looked up: every address it stands for must be a loopback one. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host.trim());
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
