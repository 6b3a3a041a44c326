package org.seawallsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.SchemeParamException;
import org.seawallsim.scenario.run.Schemes;
import org.seawallsim.scenario.run.UnsupportedFeatureException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Checks scenario files without running them; prints every problem with file, line, column and field. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files and report every problem at once (exit 2 if any).")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario YAML files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a parameter (repeatable).")
    List<String> sets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int bad = 0;
        StringBuilder errors = new StringBuilder();
        for (Path f : files) {
            try {
                Scenario s = ScenarioLoader.load(f, sets);
                try {
                    Schemes.create(s);
                } catch (SchemeParamException e) {
                    bad++; // the message starts with the file and line
                    errors.append(e.getMessage()).append('\n');
                    continue;
                } catch (IllegalArgumentException e) {
                    bad++;
                    errors.append(f).append(": ").append(e.getMessage()).append('\n');
                    continue;
                } catch (UnsupportedFeatureException e) {
                    spec.commandLine().getOut().printf("%s: note: %s%n", f, e.getMessage());
                }
                int axes = s.axes().size();
                spec.commandLine().getOut().printf("%s: ok (%d VMs on %d hosts, scheme %s%s)%n", f, s.vms().size(),
                        s.hostNames().size(), s.scheme(), axes == 0 ? "" : ", " + axes + " sweep axes");
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
