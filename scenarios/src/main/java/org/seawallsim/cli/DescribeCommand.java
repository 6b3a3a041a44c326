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
                    + "with --set schemeParams.<scheme>.<name>=value; each is a sweep axis (axis): a list of values "
                    + "(in the file, or --set 'schemeParams.seawall.intervalUs=[500,2000]') runs each in a sweep. "
                    + "Available in this build: " + String.join(", ", Schemes.available()) + "\n");
            for (Map.Entry<String, Map<String, String>> e : Schemes.PARAMS.entrySet()) {
                sb.append('\n').append(e.getKey()).append(e.getValue().isEmpty() ? ": no parameters\n" : ":\n");
                for (Map.Entry<String, String> p : e.getValue().entrySet()) {
                    sb.append("  schemeParams.").append(e.getKey()).append('.').append(p.getKey())
                            .append("  (axis)\n      ")
                            .append(p.getValue()).append('\n');
                }
            }
            sb.append('\n').append(guestTcp());
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

    /**
     * The guest TCP's fixed constants, which every scheme's VMs run and closed forms depend on (Mathis' constant is
     * 1.22 because every segment is ACKed; incast and lock-outs follow the minimum RTO). Read from the config the
     * runs use, so the text cannot drift from it. Users found them only in traces.
     */
    static String guestTcp() {
        org.seawallsim.transport.tcp.TcpConfig c = org.seawallsim.transport.tcp.TcpConfig.linuxLike();
        return String.format(java.util.Locale.ROOT, "Guest TCP (the VMs' own stack under every scheme; per traffic "
                + "item only variant, sack and ecn are set):%n"
                + "  MSS %d B with the timestamp option (%d B a segment and an ACK), initial window %d segments, "
                + "initial ssthresh unbounded (slow start until the first loss or mark)%n"
                + "  one ACK per data segment (%s), receive window %d KiB%n"
                + "  retransmission timeout: minimum %d ms, initial %d ms (a lost SYN waits it), doubling on each "
                + "timeout up to %d s; fast retransmit at 3 duplicate ACKs (SACK recovery by RFC 6675 when sack is on)%n"
                + "  a SYN / SYN-ACK handshake before data; no FIN: a sized flow ends with its last ACK%n"
                + "  send jitter: the segments an ACK releases leave after a uniform delay in [0, %d us)%n"
                + "  CUBIC C %s, beta %s; DCTCP g %s, initial alpha %s%n",
                c.effectiveMss(), org.seawallsim.transport.tcp.TcpConfig.TIMESTAMP_OPTION_BYTES,
                c.initialWindowSegments(), c.delayedAcks() ? "delayed ACKs" : "no delayed ACKs",
                c.receiveWindowBytes() / 1024, c.minRtoPs() / 1_000_000_000L, c.initialRtoPs() / 1_000_000_000L,
                c.maxRtoPs() / 1_000_000_000_000L, c.sendJitterPs() / 1_000_000L, c.cubicC(), c.cubicBeta(),
                c.dctcpG(), c.dctcpInitialAlpha());
    }
}
