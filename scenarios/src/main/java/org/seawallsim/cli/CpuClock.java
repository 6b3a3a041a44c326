package org.seawallsim.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the benchmarking thread. On a shared machine wall-clock rates fall whenever another process takes the
 * core, so benchmarks report both: wall time is what a user waits, CPU time is what the simulator costs.
 */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock() {
    }

    /** CPU nanoseconds used by the current thread, or -1 if the JVM cannot measure it. */
    static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }
}
