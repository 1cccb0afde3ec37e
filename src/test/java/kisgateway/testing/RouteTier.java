package kisgateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A route test: it loads the real routes/*.camel.yaml with the beans behind them replaced by small doubles and
 * asserts the flow's decisions (which branch, which bean with what, which queue, which headers). The tier runs
 * first in {@code mvn verify} (the build's {@code default-test} execution) and alone with {@code mvn test
 * -Proute-tier}, so a route edit is checked in well under a minute (docs/testing.md).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RouteTier.TAG)
public @interface RouteTier {
    String TAG = "route-tier";
}
