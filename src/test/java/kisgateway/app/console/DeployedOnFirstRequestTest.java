package kisgateway.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A web application behind {@link DeployedOnFirstRequest}: started by the first request, once, and again after a failure. */
class DeployedOnFirstRequestTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Server server;

    /** Answers "hello"; its start fails while {@code failuresLeft} is above zero. */
    private static final class Application extends Handler.Abstract {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        protected void doStart() throws Exception {
            starts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the war is unreadable");
            }
            super.doStart();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.write(true, StandardCharsets.UTF_8.encode("hello"), callback);
            return true;
        }
    }

    private DeployedOnFirstRequest serve(Application application) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        DeployedOnFirstRequest lazy = new DeployedOnFirstRequest(application, "test application");
        server.setHandler(lazy);
        server.start();
        return lazy;
    }

    private HttpResponse<String> get() throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theServerStartsWithoutTheApplicationAndTheFirstRequestDeploysItOnce() throws Exception {
        Application application = new Application();
        DeployedOnFirstRequest lazy = serve(application);
        assertThat(application.starts).hasValue(0);
        assertThat(lazy.isDeployed()).isFalse();

        assertThat(get().body()).isEqualTo("hello");
        assertThat(get().body()).isEqualTo("hello");
        assertThat(application.starts).hasValue(1);
        assertThat(lazy.isDeployed()).isTrue();

        server.stop();
        assertThat(application.isStopped()).as("stopped with the server").isTrue();
    }

    @Test
    void aDeploymentThatFailsAnswersAnErrorAndTheNextRequestTriesAgain() throws Exception {
        Application application = new Application();
        application.failuresLeft.set(1);
        DeployedOnFirstRequest lazy = serve(application);

        assertThat(get().statusCode()).isEqualTo(500);
        assertThat(lazy.isDeployed()).isFalse();
        HttpResponse<String> again = get();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("hello");
        assertThat(application.starts).hasValue(2);
    }
}
