package org.seawallsim.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.run.Schemes;
import org.seawallsim.scenario.model.Describe;
import org.seawallsim.scenario.model.JsonSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints the scenario format: every parameter with unit, default and meaning. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe the scenario format: every parameter with its unit, default and meaning.")
public final class DescribeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TOPIC", arity = "0..1",
            description = "A section (topology, tenants, timeline, scheme, compare, schemeParams, expect, trace, "
                    + "run, traffic), a traffic type (bulk, udp, onoff, flows, shuffle, incast) or schemes (every "
                    + "scheme's parameters). Default: everything.")
    String topic;

    @Option(names = "--json-schema", description = "Print the JSON Schema of scenario files instead.")
    boolean schema;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (schema) {
            if (topic != null) {
                // The schema is what an editor validates whole files against; printing it all for a topic looked
                // like the topic's schema and was not.
                throw new BadInputException("--json-schema prints the schema of whole scenario files and takes no "
                        + "TOPIC (got '" + topic + "'); for one section's parameters use: describe " + topic);
            }
            spec.commandLine().getOut().print(JsonSchema.generate());
            spec.commandLine().getOut().flush();
            return SeawallSim.EXIT_OK;
        }
        if ("schemes".equals(topic)) {
            StringBuilder sb = new StringBuilder("Scheme parameters, set under schemeParams.<scheme> in a scenario or "
                    + "with --set schemeParams.<scheme>.<name>=value. Available in this build: "
                    + String.join(", ", Schemes.available()) + "\n");
            for (Map.Entry<String, Map<String, String>> e : Schemes.PARAMS.entrySet()) {
                sb.append('\n').append(e.getKey()).append(e.getValue().isEmpty() ? ": no parameters\n" : ":\n");
                for (Map.Entry<String, String> p : e.getValue().entrySet()) {
                    sb.append("  schemeParams.").append(e.getKey()).append('.').append(p.getKey()).append("\n      ")
                            .append(p.getValue()).append('\n');
                }
            }
            spec.commandLine().getOut().print(sb);
            spec.commandLine().getOut().flush();
            return SeawallSim.EXIT_OK;
        }
        String text = Describe.describe(topic);
        if (text == null) {
            throw new BadInputException("unknown topic '" + topic + "'; topics: " + String.join(", ", Describe.topics()));
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return SeawallSim.EXIT_OK;
    }
}
