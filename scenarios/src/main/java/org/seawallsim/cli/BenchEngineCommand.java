package org.seawallsim.cli;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seawallsim.engine.bench.HoldModel;
import org.seawallsim.engine.random.RandomStreams;
import org.seawallsim.scenario.run.ResultsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seawall-sim bench engine}: the hold model (N pending events, each rescheduling itself at now plus a random
 * delay) for each requested N. Prints one JSON line per case. {@code live_heap_bytes} is the heap in use after a
 * full collection at the end of the case, with the loop still reachable: its slots, heap and tier, the memory a
 * pending set of that size keeps.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Event-loop benchmark (hold model): N pending events, each handler reschedules itself at a "
                + "random future time. One JSON line per N.")
public final class BenchEngineCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "1000,1000000",
            description = "Numbers of pending events N, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--events", defaultValue = "0",
            description = "Events to time per case; 0 = max(20 000 000, 10 N) (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--mean-delay-ps", defaultValue = "1000000",
            description = "Mean rescheduling delay in ps (default: ${DEFAULT-VALUE}).")
    long meanDelayPs;

    /** Events timed for N pending: --events, or max(20 000 000, 10 N). */
    private long timedEvents(int n) {
        return events > 0 ? events : Math.max(20_000_000L, 10L * n);
    }

    /** Warm-up events for N pending: each initial event replaced at least once, and time for the JIT. */
    private static long warmupEvents(int n) {
        return Math.max(5_000_000L, 2L * n);
    }

    @Override
    public Integer call() {
        if (events < 0) {
            throw new BadInputException("--events must be >= 0, got " + events);
        }
        if (meanDelayPs < 1) {
            throw new BadInputException("--mean-delay-ps must be >= 1, got " + meanDelayPs);
        }
        for (int n : sizes) {
            if (n < 1 || n > 50_000_000) {
                throw new BadInputException("--sizes entries must be in 1..50000000, got " + n);
            }
        }
        for (int n : sizes) {
            // Each pending event is rescheduled about (warm-up + timed) / n times at the mean delay; with a 20-fold
            // margin for the exponential's tail the simulated clock must stay below its 9.2e18 ps.
            double psPerMeanDelay = (double) (warmupEvents(n) + timedEvents(n)) / n * 20;
            if (psPerMeanDelay * meanDelayPs >= Long.MAX_VALUE / 2.0) {
                throw new BadInputException(String.format(Locale.ROOT, "--mean-delay-ps %d with N = %d and %d events "
                        + "would run the simulated clock to about %.2g ps, past its 4.6e18 ps (2.6 years): use "
                        + "--mean-delay-ps <= %d", meanDelayPs, n, timedEvents(n), psPerMeanDelay * meanDelayPs,
                        (long) (Long.MAX_VALUE / 2.0 / psPerMeanDelay)));
            }
        }
        for (int n : sizes) {
            long timed = timedEvents(n);
            SplittableRandom rnd = new RandomStreams(seed).stream("bench/engine/hold/" + n);
            HoldModel model = new HoldModel(n, meanDelayPs, rnd);
            // Warm-up: replace every initial event at least once (steady-state heap) and let the JIT compile.
            model.run(warmupEvents(n));
            long before = model.loop().dispatched();
            long c0 = CpuClock.threadCpuNanos();
            long t0 = System.nanoTime();
            model.run(timed);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (CpuClock.threadCpuNanos() - c0) / 1e9;
            long dispatched = model.loop().dispatched() - before;
            long live = HeapUse.liveBytesAfterGc();
            System.out.println(String.format(Locale.ROOT,
                    "{\"case\":\"engine-hold\",\"n\":%d,\"events\":%d,\"wall_s\":%.6f,\"events_per_s\":%.0f,"
                            + "\"cpu_s\":%.6f,\"events_per_cpu_s\":%.0f,\"ns_per_event\":%.2f,\"pending\":%d,"
                            + "\"live_heap_bytes\":%d,\"seed\":%d,\"fingerprint\":\"%016x\",\"java\":\"%s\",\"version\":\"%s\"}",
                    n, dispatched, wall, dispatched / wall, cpu, CpuClock.perSecond(dispatched, cpu),
                    wall * 1e9 / dispatched, model.loop().pending(), live, seed, model.loop().fingerprint(), System.getProperty("java.version"),
                    ResultsWriter.version()));
        }
        return 0;
    }
}
