package org.seawallsim.engine.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH benchmark of the event loop under the hold model (see {@link HoldModel}); the score is events per second.
 * Not a unit test: run it with {@code main} (see README, "Benchmarks").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
public class EventLoopBenchmark {
    private static final int BATCH = 1 << 16;

    @Param({"1000", "1000000"})
    public int pending;

    private HoldModel model;

    @Setup
    public void setUp() {
        model = new HoldModel(pending, 1_000_000, new SplittableRandom(42));
        model.run(pending); // every initial event replaced once: the set is in its steady state
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long hold() {
        model.run(BATCH);
        return model.loop().nowPs();
    }

    /** Runs this benchmark; arguments are JMH options (e.g. {@code -p pending=1000 -f 1 -wi 2 -i 3}). */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        new Runner(new OptionsBuilder().parent(cli).include(EventLoopBenchmark.class.getName()).build()).run();
    }
}
