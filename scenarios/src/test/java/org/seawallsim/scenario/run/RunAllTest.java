package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.trace.TraceSpec;
import org.seawallsim.scenario.trace.Tracer;

/**
 * Runs that share one command (compare, a local sweep, regress) stop together when one fails: the others are
 * cancelled at their next sample, and {@link Sweep#runAll} returns only once all have stopped, so none is left
 * writing into a staging folder that is being deleted.
 */
class RunAllTest {
    /** 60 simulated seconds of a UDP flood: minutes of wall time if it were not stopped. */
    private static Scenario longRun() throws Exception {
        return ScenarioLoader.load(Path.of("library", "udp-flood.yaml"),
                List.of("durationS=60", "warmupS=1", "sampleIntervalS=0.01"));
    }

    @Test
    void aFailureCancelsTheRunStillGoingAndWaitsUntilItHasStopped(@TempDir Path dir) throws Exception {
        Scenario sc = longRun();
        CountDownLatch simulating = new CountDownLatch(1);
        AtomicReference<Throwable> longRunEnd = new AtomicReference<>();
        AtomicBoolean longRunStopped = new AtomicBoolean();
        double[] lastSampleS = new double[1];
        Path traces = dir.resolve("traces");
        Callable<RunResult> running = () -> {
            try {
                return Runner.run(sc, (t, d, e, w) -> {
                    lastSampleS[0] = t;
                    simulating.countDown();
                }, TraceSpec.of(List.of(Tracer.ALL), "test"), traces);
            } catch (Throwable e) {
                longRunEnd.set(e);
                throw e;
            } finally {
                longRunStopped.set(true);
            }
        };
        Callable<RunResult> failing = () -> {
            assertThat(simulating.await(60, TimeUnit.SECONDS)).isTrue();
            throw new IllegalStateException("scheme b failed");
        };

        assertThatThrownBy(() -> Sweep.runAll(Executors.newFixedThreadPool(2), List.of(running, failing)))
                .isInstanceOf(IllegalStateException.class).hasMessage("scheme b failed");

        // Stopped before runAll threw, by cancellation at a sample, long before its 60 s.
        assertThat(longRunStopped).isTrue();
        assertThat(longRunEnd.get()).isInstanceOf(Runner.Cancelled.class);
        assertThat(lastSampleS[0]).isLessThan(30);
        // Its trace files were closed and removed, not left half written under their temporary names.
        try (Stream<Path> left = Files.exists(traces) ? Files.walk(traces) : Stream.empty()) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aTaskNotYetStartedNeverStartsOnceOneHasFailed() {
        AtomicBoolean started = new AtomicBoolean();
        Callable<String> failing = () -> {
            throw new IllegalArgumentException("first");
        };
        Callable<String> queued = () -> {
            started.set(true);
            return "ran";
        };
        // One thread: the second task waits in the queue while the first fails.
        assertThatThrownBy(() -> Sweep.runAll(Executors.newSingleThreadExecutor(), List.of(failing, queued)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("first");
        assertThat(started).isFalse();
    }

    @Test
    void resultsComeInListOrderWhateverOrderTheyFinishIn() {
        CountDownLatch lastDone = new CountDownLatch(1);
        Callable<String> slow = () -> {
            assertThat(lastDone.await(60, TimeUnit.SECONDS)).isTrue();
            return "a";
        };
        Callable<String> fast = () -> {
            lastDone.countDown();
            return "b";
        };
        assertThat(Sweep.runAll(Executors.newFixedThreadPool(2), List.of(slow, fast))).containsExactly("a", "b");
    }

    @Test
    void aRunOnAnInterruptedThreadStopsAtItsFirstSampleAndKeepsTheFlag() throws Exception {
        Scenario sc = longRun();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Runner.run(sc, null)).isInstanceOf(Runner.Cancelled.class)
                    .hasMessageContaining("cancelled at 0.01 s");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
