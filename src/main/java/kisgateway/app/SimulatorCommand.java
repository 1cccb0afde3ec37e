package kisgateway.app;

/** {@code kis-gateway.jar simulator ...}: the KIS simulator alone (kisgateway.sim). */
final class SimulatorCommand {

    private SimulatorCommand() {
    }

    static void run(String[] args) throws Exception {
        // The simulator lands in kisgateway.sim; until then the command says so plainly.
        Class<?> launcher;
        try {
            launcher = Class.forName("kisgateway.sim.SimulatorLauncher");
        } catch (ClassNotFoundException e) {
            System.err.println("the KIS simulator is not part of this build");
            System.exit(2);
            return;
        }
        launcher.getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
