package kisgateway.app.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader that checks the repository's PromQL: what it accepts, the names it finds, what it refuses. */
class PromQlTest {

    @Test
    void theNamesOfAnExpressionAreItsMetricsNotItsLabelsFunctionsOrKeywords() {
        assertThat(PromQl.metricsOf("histogram_quantile(0.95, sum by (le, account) (rate("
                + "kis_order_ack_seconds_bucket{from=\"intake\"}[5m]))) > 1")).containsExactly("kis_order_ack_seconds_bucket");
        assertThat(PromQl.metricsOf("sum by (app_key) (rate(a_total[1m])) / on (app_key) max by (app_key) (b)"))
                .containsExactly("a_total", "b");
        assertThat(PromQl.metricsOf("(min by (account) (h) == 0) and on () (hour() < 7) and on () "
                + "(day_of_week() > 0 < 6)")).containsExactly("h");
        assertThat(PromQl.metricsOf("(time() - max(d)) > 691200 or absent(d)")).containsExactly("d");
        assertThat(PromQl.metricsOf("topk(10, sum by (source, code) (increase(r_total[1d])))")).containsExactly("r_total");
        assertThat(PromQl.metricsOf("sum(x) without (instance)")).containsExactly("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sum(rate(x[5m])",                       // unbalanced
            "sum(rate(x[5m])))",                     // closes nothing
            "rates(x[5m])",                          // unknown function
            "rate(x)",                               // rate needs a range
            "sum(x[5m])",                            // aggregating a range
            "histogram_quantile(x)",                 // arity
            "histogram_quantile(x, 0.95)",           // order of the arguments
            "sum by (le account) (x)",               // a by clause without commas
            "sum by le (x)",                         // a by clause without parentheses
            "sum by (\"le\") (x)",                   // a string is not a label
            "x{a=b}",                                // a matcher's value is a string
            "x{a==\"b\"}",                           // not a matcher
            "rate(x[5])",                            // not a duration
            "x and 1",                               // a set operator needs vectors
            "x >",                                   // ends too early
            "x y"                                    // two expressions
    })
    void aMalformedExpressionIsRefused(String expression) {
        assertThatThrownBy(() -> PromQl.metricsOf(expression)).isInstanceOf(IllegalArgumentException.class);
    }
}
