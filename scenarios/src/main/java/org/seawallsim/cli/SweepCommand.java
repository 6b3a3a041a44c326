package org.seawallsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.Sweep;
import org.seawallsim.scenario.run.SweepExecutor;
import org.seawallsim.scenario.run.SweepExecutorProvider;
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

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run each point as an Apache Spark task: local[N] or local[*] (embedded; a failing point is "
                    + "tried spark.task.maxFailures = 4 times), spark://HOST:7077, or 'submit' under spark-submit "
                    + "(its --master applies: the way to YARN or Kubernetes). "
                    + "./seawall-sim adds the sweep-spark module to the class path when this is given.")
    String spark;

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
        ScenarioLoader loader = CliSupport.open(file, all).runningEveryRepetition();
        Scenario base;
        List<Sweep.Point> points;
        try {
            base = Sweep.base(loader);
            points = Sweep.expand(loader, base);
        } catch (ScenarioException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        if (jobs != null && jobs < 1) {
            throw new BadInputException("--jobs must be >= 1, got " + jobs);
        }
        if (jobs != null && spark != null) {
            // It was accepted and ignored: under Spark the master sets how many runs go at once.
            throw new BadInputException("--jobs sizes the local pool; with --spark the master sets the parallel runs "
                    + "(local[N], or the cluster's executors): drop --jobs");
        }
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        limits.check(points, Math.min(n, points.size()));
        Path dir = CliSupport.followLink(out != null ? out : Path.of("results", base.name() + "-sweep"),
                "--out");
        // The master is checked before the folder is locked: a refused one leaves no lock file behind.
        SweepExecutor executor = spark == null ? SweepExecutor.local(n) : sparkExecutor(spark);
        SeawallSim.reportsInterruption = spark != null;
        // Held from before the finished runs are judged until the tables and charts are written: two sweeps into
        // one folder used to both succeed, each overwriting the other's runs.
        try (FolderLock lock = CliSupport.lockOut(dir, "--out", CliSupport.Results.SWEEP)) {
            return sweepInto(base, points, executor, dir);
        }
    }

    private int sweepInto(Scenario base, List<Sweep.Point> points, SweepExecutor executor, Path dir) {
        long t0 = System.nanoTime();
        Sweep.Result ran;
        try {
            // Sweep.run reports each finished run (its events) but not which, so the runs still to do are counted
            // here and each finished run is credited in turn (simulated time is exact when all durations are equal).
            List<Double> todo = new ArrayList<>();
            for (Sweep.Point p : points) {
                if (!Sweep.finished(dir, p.id())) {
                    todo.add(p.scenario().durationS());
                }
            }
            ProgressBar bar = ProgressBar.forStderr(quiet, todo);
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            // Ctrl-C of a local sweep ended with exit 130 and nothing on stderr (run says what it left, and the Spark
            // path reports through SeawallSim): say that the finished runs stay and how to go on.
            Thread hook = SeawallSim.reportsInterruption ? null : new Thread(() -> {
                System.err.println("seawall-sim: interrupted; finished runs are kept in " + dir.resolve("runs")
                        + ": run the same command to resume the rest");
                System.err.flush();
            }, "sweep-interrupted");
            if (hook != null) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            try {
                ran = Sweep.run(points, dir, executor, Sweep::runPoint, (simulatedS, durationS, events, wallS) ->
                        bar.finished(Math.min(done.getAndIncrement(), todo.size() - 1), events));
            } finally {
                bar.done();
                if (hook != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // The hook is running or has run: it reports.
                    }
                }
            }
        } catch (UnsupportedFeatureException | Sweep.ForeignRunsException e) {
            throw new BadInputException(e.getMessage());
        }
        Sweep.Table table = Sweep.writeTable(base, points, dir);
        // Into the sweep's own folder, which keeps earlier charts: those already redrawn stay.
        java.io.UncheckedIOException chartsRefused = noPlots ? null : CliSupport.plots(dir, spec.commandLine().getErr(),
                false);
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "sweep %s: %s (%s, %s), %d "
                + "run now, %d reused, %d failed, %.1f s with %s (runs took %.1f s in all)%nresults: %s%n",
                base.name(), CliSupport.count(points.size(), "run", "runs"),
                CliSupport.count(base.axes().size(), "axis", "axes"),
                CliSupport.count(base.repetitions(), "repetition", "repetitions"), ran.ran(), ran.reused(),
                ran.failed().size(), (System.nanoTime() - t0) / 1e9, executor.describe(), ran.runWallS(),
                dir.resolve("sweep.csv"));
        Path report = CliSupport.report(dir);
        // The runs' notes (a VM locked out in one seed of five) and failed expectations qualify the means: the
        // console said nothing of them, nor did any sweep file.
        summaryLine(table.withNotes(), table.finished(), "notes", "has notes", "have notes", "notes", dir, report);
        summaryLine(table.failedExpectations(), table.finished(), "expect", "failed an expectation",
                "failed an expectation", "expectations", dir, report);
        if (report != null) {
            spec.commandLine().getOut().println("report: " + report + " (open in a browser)");
        }
        if (ran.failed().isEmpty()) {
            if (chartsRefused != null) {
                throw CliSupport.chartsRefused(chartsRefused, null, dir, true);
            }
            return SeawallSim.EXIT_OK;
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.printf("sweep: %d of %d runs failed; the others are in %s (failed/<run>.json has each error and trace)%n",
                ran.failed().size(), points.size(), dir);
        boolean allBadInput = true;
        for (Sweep.Outcome o : ran.failed()) {
            err.printf("  %s after %d attempt%s: %s%n", o.id(), o.attempts(), o.attempts() == 1 ? "" : "s",
                    o.error().replace("\n", "\n    "));
            allBadInput &= o.badInput();
        }
        err.flush();
        if (chartsRefused != null) {
            throw CliSupport.chartsRefused(chartsRefused, null, dir, true);
        }
        return allBadInput ? SeawallSim.EXIT_BAD_INPUT : SeawallSim.EXIT_INTERNAL;
    }

    /** "notes: 1 of 5 runs have notes (r0003): read them in .../sweep.json (runs[].notes) and .../report.html". */
    private void summaryLine(List<String> runs, int finished, String label, String one, String many, String key,
            Path dir, Path report) {
        if (runs.isEmpty()) {
            return;
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%s: %d of %d run%s %s (%s): read them in %s "
                + "(runs[].%s)%s%n", label, runs.size(), finished, finished == 1 ? "" : "s",
                runs.size() == 1 ? one : many, runList(runs), dir.resolve("sweep.json"), key,
                report == null ? "" : " and " + report);
    }

    /** Run ids for a line of the console: the first ten, then how many more. */
    private static String runList(List<String> runs) {
        return runs.size() <= 10 ? String.join(", ", runs)
                : String.join(", ", runs.subList(0, 10)) + " and " + (runs.size() - 10) + " more";
    }

    /**
     * A standalone master (spark://HOST:PORT) must accept a connection before Spark starts: otherwise Spark gave up
     * after its retries with "Cannot call methods on a stopped SparkContext" and hundreds of lines of traces, which
     * never said the master was unreachable.
     */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                return; // not a host:port (the executor has judged the form)
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), 5_000);
                return; // one reachable master of a list is enough
            } catch (java.io.IOException | IllegalArgumentException e) {
                if (!master.contains(",")) {
                    throw new BadInputException("--spark " + master + ": cannot reach the master at " + hostPort
                            + " (" + e.getMessage() + "); is it running? For this machine's cores use --spark "
                            + "local[*]");
                }
            }
        }
        throw new BadInputException("--spark " + master + ": cannot reach any of the masters; for this machine's "
                + "cores use --spark local[*]");
    }

    /** The Spark executor, found through ServiceLoader so that only --spark needs Spark on the class path. */
    private static SweepExecutor sparkExecutor(String master) {
        for (SweepExecutorProvider p : java.util.ServiceLoader.load(SweepExecutorProvider.class)) {
            if (p.name().equals("spark")) {
                SweepExecutor executor;
                try {
                    // The executor judges the master's form (a port of 1-65535 among it) before anything connects:
                    // tried first, a port 0 was reported as "cannot reach ... is it running?".
                    executor = p.create(master);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--spark " + master + ": " + e.getMessage());
                }
                checkReachable(master);
                return executor;
            }
        }
        throw new BadInputException("--spark needs the sweep-spark module on the class path: run through "
                + "./seawall-sim (it adds it when --spark is given) or spark-submit the jar README.md describes");
    }
}
