package kisgateway.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the JVM did beside a measured phase: how much the JIT compilers spent compiling, and the collections. On this project's 2-core machines C2 still
 * compiled for most of a core 40-60 s into a harness run (per-thread CPU from /proc during the paced fill run
 * of 2026-12-03: C2 74 % of a core, the whole pipeline beside it less than that), so a phase measured then
 * measures the compiler as much as the gateway. A gateway running all day finished compiling its paths long
 * ago: the harnesses repeat their warm-up until a round compiles for less than a small share of its time, and
 * print the compiler's share of every measured phase beside its figures.
 */
final class JvmActivity {

    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private final java.util.List<java.lang.management.GarbageCollectorMXBean> collectors =
            ManagementFactory.getGarbageCollectorMXBeans();
    private long compileMsAtMark;
    private long wallNanosAtMark;
    private long gcCountAtMark;
    private long gcMsAtMark;

    /** Starts a phase. */
    JvmActivity mark() {
        compileMsAtMark = compileMs();
        wallNanosAtMark = System.nanoTime();
        gcCountAtMark = collectors.stream().mapToLong(g -> Math.max(0, g.getCollectionCount())).sum();
        gcMsAtMark = collectors.stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
        return this;
    }

    /** Compiler time since {@link #mark()}, as a share of the wall time since then (summed over compiler threads). */
    double share() {
        double wallMs = (System.nanoTime() - wallNanosAtMark) / 1e6;
        return wallMs <= 0 ? 0 : (compileMs() - compileMsAtMark) / wallMs;
    }

    long compiledMsSinceMark() {
        return compileMs() - compileMsAtMark;
    }

    /** The compilers' share, and the collections (G1's young and mixed pauses; with ZGC its cycles' times). */
    String summary() {
        long gcCount = collectors.stream().mapToLong(g -> Math.max(0, g.getCollectionCount())).sum() - gcCountAtMark;
        long gcMs = collectors.stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum() - gcMsAtMark;
        return String.format("JIT compiled %d ms in the phase (%.1f %% of its wall time); %d collections, %d ms",
                compiledMsSinceMark(), share() * 100, gcCount, gcMs);
    }

    private long compileMs() {
        return compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    /** A warm-up round, repeated until the JIT is quiet. */
    interface Round {
        void run() throws Exception;
    }

    /**
     * Runs {@code round} at least once and again while the compilers took more than {@code quietShare} of a round's
     * wall time, at most {@code maxRounds} times; prints each round's share.
     *
     * @return whether the last round was quiet
     */
    static boolean warmUntilQuiet(String what, Round round, double quietShare, int maxRounds) throws Exception {
        JvmActivity jit = new JvmActivity();
        for (int i = 1; i <= maxRounds; i++) {
            jit.mark();
            round.run();
            double share = jit.share();
            System.out.printf("warm-up %s round %d: JIT compiled %d ms (%.1f %% of the round)%n", what, i,
                    jit.compiledMsSinceMark(), share * 100);
            if (share <= quietShare) {
                return true;
            }
        }
        System.out.printf("warm-up %s: JIT still over %.1f %% after %d rounds; measuring anyway%n", what,
                quietShare * 100, maxRounds);
        return false;
    }
}
