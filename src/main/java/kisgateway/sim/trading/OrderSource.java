package kisgateway.sim.trading;

/** Where an order came from: the REST API, or outside the gateway (HTS, MTS) through the admin API. */
public enum OrderSource {
    API,
    HTS
}
