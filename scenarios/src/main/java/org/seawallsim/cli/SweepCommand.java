package org.seawallsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.Sweep;
import org.seawallsim.scenario.run.UnsupportedFeatureException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Expands the sweep axes, runs every point (resuming), and writes sweep.csv. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run every point of the scenario's sweep axes x repetitions on all cores; resumes an "
                + "interrupted sweep; writes <out>/runs/rNNNN/, sweep.json and sweep.csv.")
public final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario YAML file with list-valued parameters (axes).")
    Path file;

    @Option(names = "--jobs", paramLabel = "N", description = "Parallel runs (default: all cores).")
    Integer jobs;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a parameter; a [list] adds an axis.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--tie-seed", paramLabel = "N", description = "Run same-instant events in an order drawn from N "
            + "(0: scheduling order; default: the file's tieSeed, 0). Recorded as tie_seed.")
    Long tieSeed;

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/<scenario>-sweep).")
    Path out;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--no-plots", description = "Result files only: no charts and no report.html.")
    boolean noPlots;

    @picocli.CommandLine.Mixin
    RunLimits limits = new RunLimits();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(sets);
        if (tieSeed != null) {
            all.add("tieSeed=" + tieSeed);
        }
        ScenarioLoader loader = CliSupport.open(file, all);
        Scenario base = CliSupport.bind(loader);
        List<Sweep.Point> points;
        try {
            points = Sweep.expand(loader);
        } catch (ScenarioException e) {
            throw new BadInputException(e.getMessage());
        }
        if (jobs != null && jobs < 1) {
            throw new BadInputException("--jobs must be >= 1, got " + jobs);
        }
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        for (Sweep.Point p : points) {
            limits.check(p.scenario(), Math.min(n, points.size()));
        }
        Path dir = out != null ? out : Path.of("results", base.name() + "-sweep");
        long t0 = System.nanoTime();
        int ran;
        try {
            // Sweep.run reports each finished run (its events) but not which, so the runs still to do are counted
            // here and each finished run is credited in turn (simulated time is exact when all durations are equal).
            List<Double> todo = new ArrayList<>();
            for (Sweep.Point p : points) {
                if (!java.nio.file.Files.exists(dir.resolve("runs").resolve(p.id()).resolve("summary.json"))) {
                    todo.add(p.scenario().durationS());
                }
            }
            ProgressBar bar = ProgressBar.forStderr(quiet, todo);
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            try {
                ran = Sweep.run(points, dir, n, (simulatedS, durationS, events, wallS) -> bar.finished(
                        Math.min(done.getAndIncrement(), todo.size() - 1), events));
            } finally {
                bar.done();
            }
        } catch (UnsupportedFeatureException e) {
            throw new BadInputException(e.getMessage());
        }
        Sweep.writeTable(base, points, dir);
        if (!noPlots) {
            CliSupport.plots(dir, spec.commandLine().getErr());
        }
        spec.commandLine().getOut().printf("sweep %s: %d runs (%d axes, %d repetitions), %d run now, %d reused, "
                + "%.1f s with %d jobs%nresults: %s%n", base.name(), points.size(), base.axes().size(),
                base.repetitions(), ran, points.size() - ran, (System.nanoTime() - t0) / 1e9, n,
                dir.resolve("sweep.csv"));
        return SeawallSim.EXIT_OK;
    }
}
