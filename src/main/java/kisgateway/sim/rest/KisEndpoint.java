package kisgateway.sim.rest;

/** One KIS REST function, called after the gate admitted the call. */
interface KisEndpoint {
    void handle(KisCall call);
}
