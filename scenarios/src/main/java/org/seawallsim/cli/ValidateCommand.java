package org.seawallsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.model.RunEstimate;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.scheme.SchemeParamException;
import org.seawallsim.scenario.run.Runner;
import org.seawallsim.scenario.run.Schemes;
import org.seawallsim.scenario.run.Sweep;
import org.seawallsim.scenario.run.UnsupportedFeatureException;
import org.seawallsim.scenario.trace.TraceSelectionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks scenario files without running them; prints every problem with file, line, column and field. It takes the
 * path run, compare and sweep take (loader, every sweep point, scheme parameters, run limits), so a file that
 * validates starts running.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files and report every problem at once (exit 2 if any).")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario YAML files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a parameter (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--explain", description = "Also print each run's estimated events, wall time and heap.")
    boolean explain;

    @picocli.CommandLine.Mixin
    RunLimits limits = new RunLimits();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int bad = 0;
        StringBuilder errors = new StringBuilder();
        PrintWriter out = spec.commandLine().getOut();
        for (Path f : files) {
            try {
                ScenarioLoader loader = ScenarioLoader.open(f, sets).checkingLinks(linkCheck())
                        .runningEveryRepetition();
                Scenario s = Sweep.base(loader);
                List<Scenario> runs = new ArrayList<>();
                List<Sweep.Point> points = s.axes().isEmpty() ? List.of() : Sweep.expand(loader, s);
                if (s.axes().isEmpty()) {
                    runs.add(s);
                } else {
                    for (Sweep.Point p : points) {
                        runs.add(p.scenario());
                    }
                }
                // The largest run stands for the sweep: it is the one that meets the limits first.
                Scenario largest = s;
                double most = -1;
                for (Scenario r : runs) {
                    double e = RunEstimate.of(r).events();
                    if (e > most) {
                        most = e;
                        largest = r;
                    }
                }
                // The file's scheme (run) and its compare: list (compare): the limits judged the file's scheme
                // alone, so 'compare: [tcp, seawall]' validated with seawall over the budget and then ran it.
                List<String> schemes = new ArrayList<>(List.of(s.scheme()));
                s.compare().stream().filter(c -> !schemes.contains(c)).forEach(schemes::add);
                try {
                    Schemes.create(s);
                    if (points.isEmpty()) {
                        if (schemes.size() == 1) {
                            limits.check(largest);
                        } else {
                            limits.check(s, schemes, 1);
                        }
                    } else {
                        // As sweep judges them, naming each point over the limits.
                        limits.check(points, 1);
                    }
                } catch (SchemeParamException e) {
                    bad++; // the message starts with the file and line
                    errors.append(e.getMessage()).append('\n');
                    continue;
                } catch (IllegalArgumentException | BadInputException e) {
                    bad++;
                    // The run limits' refusal names the file itself ("error: base.yaml: base.yaml: ...").
                    String m = e.getMessage();
                    errors.append(m.startsWith(f + ": ") ? "" : f + ": ").append(m).append('\n');
                    continue;
                } catch (UnsupportedFeatureException e) {
                    out.printf("%s: note: %s%n", f, e.getMessage());
                }
                int axes = s.axes().size();
                out.printf("%s: ok (%d VMs on %d hosts, scheme %s%s)%n", f, s.vms().size(), s.hostNames().size(),
                        s.scheme(), axes == 0 ? "" : ", " + CliSupport.count(axes, "sweep axis", "sweep axes") + ", "
                        + CliSupport.count(runs.size(), "run", "runs"));
                if (explain) {
                    if (points.isEmpty() && schemes.size() > 1) {
                        for (String scheme : schemes) {
                            out.printf("  estimate under %s:%n", scheme);
                            for (String line : RunEstimate.of(s.withScheme(scheme)).lines()) {
                                out.println("    " + line);
                            }
                        }
                    } else {
                        out.printf("  estimate%s:%n", runs.size() > 1 ? " of the largest run" : "");
                        for (String line : RunEstimate.of(largest).lines()) {
                            out.println("    " + line);
                        }
                    }
                }
            } catch (ScenarioException e) {
                bad++;
                errors.append(f).append(": ").append(e.getMessage()).append('\n');
            }
        }
        if (bad > 0) {
            throw new BadInputException(errors.toString().stripTrailing());
        }
        return SeawallSim.EXIT_OK;
    }

    /**
     * Trace links exist only in the built network: each distinct topology and selection is built and judged once
     * (a sweep's points share them), in a scenario of the topology alone, so that the file's other problems (an
     * unknown VM, a bad scheme parameter) do not stop the check.
     */
    private static ScenarioLoader.LinkCheck linkCheck() {
        Map<List<Object>, java.util.Optional<String>> judged = new java.util.HashMap<>();
        return sc -> judged.computeIfAbsent(List.of(sc.topology(), sc.trace().links()), k -> {
            Scenario bare = new Scenario(sc.name(), "", sc.file(), sc.topology(), sc.hostNames(), List.of(),
                    List.of(), List.of(), "tcp", List.of(), Map.of(), sc.durationS(), sc.warmupS(),
                    sc.sampleIntervalS(), sc.seed(), 1, List.of(), List.of(), Map.of(), 0, sc.trace());
            try {
                Runner.checkTrace(bare, sc.trace());
                return java.util.Optional.empty();
            } catch (TraceSelectionException e) {
                // The message starts with where trace.links was written, which the problem says itself.
                String prefix = sc.trace().origin() + ": ";
                String m = e.getMessage();
                return java.util.Optional.of(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
            }
        }).orElse(null);
    }
}
