package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import kisgateway.order.StrategyPermissions;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * routes/strategy-profiles.camel.yaml: the operator's listing over real HTTP (401 without the login), and the leader's
 * sweep handing each cutoff's mass cancel to direct:runMassCancel.
 */
class StrategyProfilesRouteTest extends RouteFileTestSupport {

    private static final String OPERATOR = "Basic b3BlcmF0b3I6c2VjcmV0";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    protected boolean servesHttp() {
        return true;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"strategy-profiles.camel.yaml"};
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("strategyAdmin", new Admin());
        registry.bind("orderApiResponses", new ApiResponsesDouble());
        registry.bind("strategyCutoffs", new Cutoffs());
    }

    @Override
    protected void overrideProperties(Properties properties) {
        properties.setProperty("strategies.cutoff-sweep-ms", "100");
    }

    @Override
    protected void advise(CamelContext context) throws Exception {
        // the run itself is routes/mass-cancel.camel.yaml's (MassCancelRouteTest)
        AdviceWith.adviceWith(context, "cancelEntriesAtCutoffs", a -> a.mockEndpointsAndSkip("direct:runMassCancel"));
    }

    @Test
    void eachDueCutoffIsRunAsAMassCancel() throws Exception {
        MockEndpoint runs = getMockEndpoint("mock:direct:runMassCancel");
        runs.expectedMinimumMessageCount(2);
        runs.assertIsSatisfied(10_000);
        assertThat(runs.getReceivedExchanges().subList(0, 2)).extracting(e -> e.getProperty("massCancelRequest"))
                .containsExactly("cutoff:alpha:2026-03-03", "cutoff:beta:2026-03-03");
    }

    @Test
    void theOperatorReadsTheStrategiesAndNobodyElse() throws Exception {
        HttpResponse<String> listed = get(OPERATOR);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).isEqualTo("{\"strategies\":[]}");
        assertThat(listed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(get(null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/admin/strategies"))
                .GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static final class Cutoffs {
        public List<String> due() {
            return List.of("cutoff:alpha:2026-03-03", "cutoff:beta:2026-03-03");
        }
    }

    public static final class Admin {
        public String list(String authorization) {
            if (!OPERATOR.equals(authorization)) {
                throw new StrategyPermissions.NotAuthenticated("operator credentials required (HTTP Basic)");
            }
            return "{\"strategies\":[]}";
        }
    }
}
