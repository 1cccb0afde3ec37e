package kisgateway.sim;

/** How the simulator's session clock runs. */
public enum ClockMode {
    /** Opens a trading day (09:00 KST, today's Seoul date) when the simulator starts; settable and accelerable. */
    SIM,
    /** Follows Asia/Seoul wall time; weekends are closed and orders outside the sessions are refused. */
    WALL
}
