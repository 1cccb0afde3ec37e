package kisgateway.app.console;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a web application when the first request comes, not when the server starts. Hawtio's war unpacks and
 * scans about two seconds of class files on two cores, at the moment the gateway's own start needs them most,
 * and most starts are never followed by an operator opening the console: it is paid by the first visit instead.
 * The first requests wait for the deployment; a deployment that fails answers that request with an error, is
 * logged, and is tried again on the next.
 */
final class DeployedOnFirstRequest extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(DeployedOnFirstRequest.class);

    private final Handler application;
    private final String name;
    private volatile boolean deployed;

    DeployedOnFirstRequest(Handler application, String name) {
        this.application = application;
        this.name = name;
    }

    boolean isDeployed() {
        return deployed;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!deployed) {
            deploy();
        }
        return application.handle(request, response, callback);
    }

    private synchronized void deploy() throws Exception {
        if (deployed) {
            return;
        }
        long started = System.nanoTime();
        application.setServer(getServer());
        try {
            application.start();
        } catch (Exception e) {
            LOG.warn("{} not deployed on its first request error=\"{}\"", name, e.getMessage());
            try {
                application.stop();
            } catch (Exception ignored) {
                // the deployment's failure is the one worth reporting; the next request tries again
            }
            throw e;
        }
        deployed = true;
        LOG.info("{} deployed on its first request ms={}", name, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (deployed) {
                application.stop();
                deployed = false;
            }
        }
        super.doStop();
    }
}
