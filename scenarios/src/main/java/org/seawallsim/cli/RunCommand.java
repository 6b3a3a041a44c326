package org.seawallsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.scenario.run.RunResult;
import org.seawallsim.scenario.trace.TraceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one scenario under one scheme and writes its result folder. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a scenario and write its results.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario YAML file.")
    Path file;

    @Option(names = "--scheme", paramLabel = "S", description = "Isolation scheme: tcp, seawall, ratelimit, drr, qcn "
            + "(default: the file's).")
    String scheme;

    @Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the file's).")
    Long seed;

    @Option(names = "--tie-seed", paramLabel = "N", description = "Run same-instant events in an order drawn from N "
            + "(0: scheduling order; default: the file's tieSeed, 0). Recorded as tie_seed.")
    Long tieSeed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a parameter, e.g. durationS=2 or "
            + "tenants.attacker.vms.a.weight=2 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/<scenario>-<scheme>).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    // One value per occurrence (comma-separated for several), so the option never swallows the scenario file.
    // Split here, not by picocli: its split drops trailing empty items, so "h0,," passed while ",h0" was refused.
    @Option(names = "--pcap", paramLabel = "LINK", description = "Record a packet trace (pcap) of "
            + "each named link into the result folder: all, a link group (bottleneck, uplinks), a host (its access "
            + "link), a link (h0<->swL) or one direction (swL->swR); several comma-separated or repeated. Replaces "
            + "the file's trace.links, keeps its other trace settings.")
    List<String> pcap = new ArrayList<>();

    @Option(names = "--no-expect", description = "Exit 0 even when an expectation of the file's expect: block fails "
            + "(default: exit 3).")
    boolean noExpect;

    @Option(names = "--no-plots", description = "Result files only: no charts and no report.html.")
    boolean noPlots;

    @picocli.CommandLine.Mixin
    RunLimits limits = new RunLimits();

    @Option(names = "--json", description = "Print the run's summary (summary.json with the verdicts, files and "
            + "report) as JSON on stdout, and everything meant for people on stderr.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(sets);
        if (scheme != null) {
            CliSupport.checkScheme(scheme);
            all.add("scheme=" + scheme);
        }
        if (seed != null) {
            all.add("seed=" + seed);
        }
        if (tieSeed != null) {
            all.add("tieSeed=" + tieSeed);
        }
        List<String> pcapLinks = pcapLinks();
        Scenario sc = CliSupport.bind(CliSupport.open(file, all));
        CliSupport.refuseAxes(file, sc, spec.commandLine().getErr());
        Path dir = CliSupport.followLink(out != null ? out : Path.of("results", sc.name() + "-" + sc.scheme()),
                "--out");
        limits.check(sc);
        // Held until the results are written and printed: a second command into the folder is refused.
        try (FolderLock lock = CliSupport.lockOut(dir, "--out", CliSupport.Results.RUN)) {
            return runInto(sc, dir, pcapLinks);
        }
    }

    /** The links of every --pcap, each value split at its commas; an empty item is refused wherever it is. */
    private List<String> pcapLinks() {
        List<String> links = new ArrayList<>();
        for (String value : pcap) {
            for (String link : value.split(",", -1)) {
                if (link.isBlank()) {
                    throw new BadInputException("--pcap '" + value + "': an empty link name; give links separated "
                            + "by single commas (all, a link group, a host, a link or one direction)");
                }
                links.add(link);
            }
        }
        return links;
    }

    private int runInto(Scenario sc, Path dir, List<String> pcap) {
        Map<String, Object> summary;
        java.io.UncheckedIOException chartsRefused = null;
        Path staging = null;
        // Written into a hidden sibling and renamed into place: an interrupted run leaves the folder complete or
        // absent (or as an earlier run left it), never half written.
        try (ResultFolder folder = new ResultFolder(dir, System.err)) {
            TraceSpec trace = pcap.isEmpty() ? sc.trace()
                    : sc.trace() == null ? TraceSpec.of(pcap, "--pcap") : sc.trace().withLinks(pcap, "--pcap");
            try {
                RunResult r = CliSupport.run(sc, quiet, trace, folder.staging());
                summary = ResultsWriter.write(r, folder.staging());
            } catch (java.io.UncheckedIOException e) {
                throw folder.inFolderTerms(e);
            }
            if (!noPlots) {
                chartsRefused = CliSupport.plots(folder.staging(), spec.commandLine().getErr(), true);
                staging = folder.staging().toAbsolutePath().normalize();
            }
            folder.commit();
        }
        if (json) {
            CliSupport.print(spec.commandLine().getErr(), summary, sc, dir);
            CliSupport.printJson(spec.commandLine().getOut(), CliSupport.jsonSummary(summary, sc, dir));
        } else {
            CliSupport.print(spec.commandLine().getOut(), summary, sc, dir);
        }
        int exit = CliSupport.expectationExit(summary, sc, noExpect, spec.commandLine().getErr());
        if (chartsRefused != null) {
            throw CliSupport.chartsRefused(chartsRefused, staging, dir, false);
        }
        return exit;
    }
}
