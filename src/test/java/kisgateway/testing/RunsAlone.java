package kisgateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class whose assertions hold time to a bound the machine's other work could break: a rate measured at the
 * simulator within a 50 ms margin, a switch seen within a second, a failover within ten, a timeout within its
 * budget. The rest of the suite runs in two JVMs side by side; these run afterwards in one JVM, with nothing else
 * (the build's second surefire execution, {@code tests-that-run-alone}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {
    String TAG = "runs-alone";
}
