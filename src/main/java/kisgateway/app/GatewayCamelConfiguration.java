package kisgateway.app;

import kisgateway.app.health.BrokerHealthCheck;
import kisgateway.app.health.DatabaseHealthCheck;
import kisgateway.app.adapter.api.DatabaseStall;
import kisgateway.app.adapter.api.DeadLetterHeaders;
import kisgateway.app.wiring.GatewayInfrastructure;
import kisgateway.app.wiring.GatewayServices;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Binds what the YAML routes refer to by name: the data source, the JMS connection factory, the dead-letter
 * header bean, and the health checks of the infrastructure. Used by the application and by the route tests,
 * so both boot the same wiring.
 */
public final class GatewayCamelConfiguration implements CamelConfiguration {

    private final GatewayInfrastructure infrastructure;
    private final GatewayServices services;

    public GatewayCamelConfiguration(GatewayInfrastructure infrastructure, GatewayServices services) {
        this.infrastructure = infrastructure;
        this.services = services;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        registry.bind("dataSource", infrastructure.dataSource().dataSource());
        registry.bind("jmsConnectionFactory", infrastructure.brokerConnection().connectionFactory());
        DatabaseStall databaseStall;
        if (services != null) {
            services.bind(registry);
            context.addService(services.clusterService());
            // the leader's answers to this instance come back on a queue of its own (routes/cluster.camel.yaml)
            context.getPropertiesComponent().addOverrideProperty("cluster.instance-id", services.instanceId());
            // before any route starts: the leadership's gain actions run ahead of the master: consumers it starts
            services.kisLeadership().start();
            services.registerMassCancelControl(context);
            databaseStall = services.databaseStall();
        } else {
            databaseStall = GatewayServices.databaseStall(infrastructure);
            registry.bind("databaseStall", databaseStall);
        }
        registry.bind("deadLetterHeaders", new DeadLetterHeaders(databaseStall));

        // Bound as beans: Camel's health-check registry picks up every HealthCheck in the registry.
        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(infrastructure.dataSource().dataSource()));
        registry.bind("brokerHealthCheck",
                new BrokerHealthCheck(infrastructure.brokerConnection(), infrastructure.embeddedBroker()));
    }
}
