package kisgateway.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the heap the start-up grew. Starting Artemis, PostgreSQL's migrations, Camel and Hawtio makes some
 * 300 MiB of garbage, and G1 keeps the heap it grew for it (about 390 MiB committed for under 100 MiB live) until a
 * full collection, which a quiet gateway never has. The JVM's own start options are not the jar's to set
 * ({@code java -jar}), but these are manageable at run time: the free-ratio bounds that let G1 shrink the heap after
 * a collection, and its periodic collection when idle (JEP 346), which returns what a busy hour grew once it is
 * quiet again. An option given on the command line is left as the operator set it.
 */
final class HeapAtRest {

    private static final Logger LOG = LoggerFactory.getLogger(HeapAtRest.class);

    private HeapAtRest() {
    }

    /**
     * @param maxFreePercent the heap kept free after a collection, at most (G1 shrinks to it); 0: leave as is
     * @param idleGcMillis   a collection when none ran for this long (G1 only); 0: none
     * @param collectNow     one full collection now (a pause of about 0.1 to 0.3 s), to start from the live data
     * @return the options set, by name, as they are now
     */
    static Map<String, String> apply(int maxFreePercent, long idleGcMillis, boolean collectNow) {
        if (maxFreePercent < 0 || maxFreePercent > 100 || idleGcMillis < 0) {
            throw new IllegalArgumentException("need 0 <= max free percent <= 100 and an idle interval >= 0: "
                    + maxFreePercent + ", " + idleGcMillis);
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        Map<String, String> set = new LinkedHashMap<>();
        if (maxFreePercent > 0) {
            // the minimum first: the JVM refuses a maximum below the minimum (40 by default)
            setIfDefault(vm, "MinHeapFreeRatio", Math.min(10, maxFreePercent), set);
            setIfDefault(vm, "MaxHeapFreeRatio", maxFreePercent, set);
        }
        if (idleGcMillis > 0) {
            setIfDefault(vm, "G1PeriodicGCInterval", idleGcMillis, set);
        }
        if (collectNow) {
            long before = committedHeap();
            long started = System.nanoTime();
            System.gc();
            LOG.info("event=heap_trimmed committed_before_mib={} committed_after_mib={} ms={} options={}",
                    before >> 20, committedHeap() >> 20, (System.nanoTime() - started) / 1_000_000, set);
        }
        return set;
    }

    private static void setIfDefault(HotSpotDiagnosticMXBean vm, String name, long value, Map<String, String> set) {
        VMOption option;
        try {
            option = vm.getVMOption(name);
        } catch (IllegalArgumentException absent) {
            // another collector than G1 (its periodic collection) or another JVM: nothing to tune
            LOG.debug("event=heap_option_absent option={}", name);
            return;
        }
        if (option.getOrigin() != VMOption.Origin.DEFAULT && option.getOrigin() != VMOption.Origin.ERGONOMIC) {
            return;
        }
        try {
            vm.setVMOption(name, Long.toString(value));
            set.put(name, vm.getVMOption(name).getValue());
        } catch (IllegalArgumentException | SecurityException refused) {
            LOG.warn("event=heap_option_refused option={} value={} reason=\"{}\"", name, value, refused.getMessage());
        }
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
