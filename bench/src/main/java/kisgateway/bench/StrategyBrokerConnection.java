package kisgateway.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import kisgateway.app.GatewayApplication;
import kisgateway.app.broker.BrokerLogin;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The connection a strategy's tool has to the gateway's embedded broker: its generated user {@code strategy}, which
 * the sim profile maps to the demo strategy. The gateway takes an intent only from the broker user of the strategy
 * it names, so a bench that fed intents as the gateway's own user would measure dead letters.
 */
final class StrategyBrokerConnection {

    private StrategyBrokerConnection() {
    }

    static Connection open(GatewayApplication app) throws JMSException {
        BrokerLogin login = app.infrastructure().embeddedBroker().users().login("strategy");
        return new ActiveMQConnectionFactory(app.infrastructure().effectiveConfig().require("broker.url"))
                .createConnection(login.user(), login.password());
    }
}
