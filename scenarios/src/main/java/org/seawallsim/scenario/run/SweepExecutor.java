package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs sweep tasks somewhere and hands each outcome to the driver, which writes it. Implementations: {@link #local}
 * (a thread pool in this JVM) and, in the sweep-spark module, one Spark task per point. Outcomes may arrive from
 * several threads and in any order; the sink is safe for that.
 */
public interface SweepExecutor {
    /** For the command line's closing line, e.g. "2 jobs" or "Spark local[2,4]". */
    String describe();

    /** Runs every task with {@code point}; calls {@code sink} once per task; returns when all are done. */
    void execute(List<Sweep.Task> tasks, Sweep.PointFunction point, Consumer<Sweep.Outcome> sink);

    /**
     * A pool of {@code jobs} threads. A point is tried once: the simulator is deterministic, so a retry would throw
     * again (Spark retries because there a task can also die with its executor).
     */
    static SweepExecutor local(int jobs) {
        int n = Math.max(1, jobs);
        return new SweepExecutor() {
            @Override
            public String describe() {
                return n + (n == 1 ? " job" : " jobs");
            }

            @Override
            public void execute(List<Sweep.Task> tasks, Sweep.PointFunction point, Consumer<Sweep.Outcome> sink) {
                List<Callable<Void>> work = new ArrayList<>();
                for (Sweep.Task t : tasks) {
                    work.add(() -> {
                        sink.accept(Sweep.attempt(point, t, 1, true));
                        return null;
                    });
                }
                // A point's failure is an outcome; what stops the sweep (its results cannot be written, say) stops
                // every point still running first, and a resumed sweep redoes only those.
                Sweep.runAll(Executors.newFixedThreadPool(n), work);
            }
        };
    }
}
