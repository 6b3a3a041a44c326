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
                ScenarioLoader loader = ScenarioLoader.open(f, sets);
                Scenario s = loader.scenario(Map.of());
                List<Scenario> runs = new ArrayList<>();
                if (s.axes().isEmpty()) {
                    runs.add(s);
                } else {
                    for (Sweep.Point p : Sweep.expand(loader)) {
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
                try {
                    Schemes.create(s);
                    limits.check(largest);
                    // Trace links exist only in the built network: build each distinct topology once.
                    java.util.Set<Scenario.Topology> built = new java.util.HashSet<>();
                    for (Scenario r : runs) {
                        if (r.trace() != null && built.add(r.topology())) {
                            Runner.checkTrace(r, r.trace());
                        }
                    }
                } catch (TraceSelectionException e) {
                    bad++; // the message starts with the file and line of trace.links
                    errors.append(e.getMessage()).append('\n');
                    continue;
                } catch (SchemeParamException e) {
                    bad++; // the message starts with the file and line
                    errors.append(e.getMessage()).append('\n');
                    continue;
                } catch (IllegalArgumentException | BadInputException e) {
                    bad++;
                    errors.append(f).append(": ").append(e.getMessage()).append('\n');
                    continue;
                } catch (UnsupportedFeatureException e) {
                    out.printf("%s: note: %s%n", f, e.getMessage());
                }
                int axes = s.axes().size();
                out.printf("%s: ok (%d VMs on %d hosts, scheme %s%s)%n", f, s.vms().size(), s.hostNames().size(),
                        s.scheme(), axes == 0 ? "" : ", " + axes + " sweep axes, " + runs.size() + " runs");
                if (explain) {
                    out.printf("  estimate%s:%n", runs.size() > 1 ? " of the largest run" : "");
                    for (String line : RunEstimate.of(largest).lines()) {
                        out.println("    " + line);
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
}
