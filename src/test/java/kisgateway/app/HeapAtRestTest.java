package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heap options a started gateway sets on its own JVM, as the JVM reports them afterwards. */
class HeapAtRestTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private final String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
    private final String min = vm.getVMOption("MinHeapFreeRatio").getValue();
    private boolean changed;

    @AfterEach
    void putBack() {
        if (!changed) {
            return;
        }
        // the maximum first when it grows back above the minimum, which the JVM checks on each
        vm.setVMOption("MaxHeapFreeRatio", max);
        vm.setVMOption("MinHeapFreeRatio", min);
        vm.setVMOption("G1PeriodicGCInterval", "0");
    }

    @Test
    void setsTheFreeRatioBoundsAndTheIdleCollectionAndLeavesThemToWhoeverSetThemFirst() {
        // the test JVMs' gateways leave these alone (TestConfig): here they are still the JVM's defaults
        assertThat(vm.getVMOption("MaxHeapFreeRatio").getOrigin()).isIn(com.sun.management.VMOption.Origin.DEFAULT,
                com.sun.management.VMOption.Origin.ERGONOMIC);
        changed = true;
        Map<String, String> set = HeapAtRest.apply(30, 60_000, true);

        assertThat(set).containsEntry("MinHeapFreeRatio", "10").containsEntry("MaxHeapFreeRatio", "30")
                .containsEntry("G1PeriodicGCInterval", "60000");
        assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
        // set once, they are no longer the JVM's defaults: a second gateway in this JVM leaves them
        assertThat(HeapAtRest.apply(50, 1_000, false)).isEmpty();
        assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
    }

    @Test
    void zeroLeavesTheJvmAsItIs() {
        assertThat(HeapAtRest.apply(0, 0, false)).isEmpty();
    }

    @Test
    void refusesAShareOrAnIntervalOutOfRange() {
        assertThatThrownBy(() -> HeapAtRest.apply(101, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeapAtRest.apply(30, -1, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
