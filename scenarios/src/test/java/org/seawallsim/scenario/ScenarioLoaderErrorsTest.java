package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Problem;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;

/** Broken scenario files: every problem is reported at once, each with its line, column and field path. */
class ScenarioLoaderErrorsTest {
    @TempDir
    Path dir;

    private static final String GOOD = String.join("\n",
            "topology: {builder: star, hosts: 3}",            // 1
            "tenants:",                                        // 2
            "  a:",                                            // 3
            "    vms:",                                        // 4
            "      a1: {host: h0, traffic: [{type: udp, to: r1}]}", // 5
            "      r1: {host: h2}",                            // 6
            "durationS: 2",                                    // 7
            "");

    private List<Problem> problems(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        try {
            ScenarioLoader.load(f, List.of());
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems for:\n" + yaml);
    }

    private Scenario load(String yaml) throws Exception {
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, yaml);
        return ScenarioLoader.load(f, List.of());
    }

    private static Problem at(List<Problem> ps, String path) {
        return ps.stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + ps));
    }

    /**
     * The sampling interval may equal the measured window: compared on the clock's picoseconds, not in doubles, where
     * durationS - warmupS is 0.09999999999999998 for 0.3 - 0.2 and 0.04999999999999999 for 0.5 - 0.45.
     */
    @Test
    void aSampleIntervalEqualToTheMeasuredWindowFitsWhateverTheRounding() throws Exception {
        String base = GOOD.replace("durationS: 2", "");
        double[][] fits = {{0.3, 0.2, 0.1}, {0.7, 0.6, 0.1}, {0.5, 0.45, 0.05}, {1.1, 1.0, 0.1}, {0.3, 0.1, 0.2}};
        for (double[] c : fits) {
            Scenario s = load(base + "durationS: " + c[0] + "\nwarmupS: " + c[1] + "\nsampleIntervalS: " + c[2] + "\n");
            assertThat(s.sampleIntervalS()).isEqualTo(c[2]);
        }
        // One picosecond over the window is still refused, with the window as the clock has it.
        Problem p = at(problems(base + "durationS: 0.3\nwarmupS: 0.2\nsampleIntervalS: 0.100000000001\n"),
                "sampleIntervalS");
        assertThat(p.message()).contains("durationS - warmupS (0.1 s)");
    }

    @Test
    void goodFileLoads() throws Exception {
        Path f = dir.resolve("good.yaml");
        Files.writeString(f, GOOD);
        Scenario s = ScenarioLoader.load(f, List.of());
        assertThat(s.vms()).extracting(Scenario.Vm::name).containsExactly("a1", "r1");
        assertThat(s.name()).isEqualTo("good");
    }

    @Test
    void wrongTypesAreReportedWithLineColumnAndField() throws Exception {
        List<Problem> ps = problems(GOOD.replace("durationS: 2", "durationS: soon").replace("hosts: 3", "hosts: many"));
        Problem d = at(ps, "durationS");
        assertThat(d.loc().line()).isEqualTo(7);
        assertThat(d.loc().column()).isEqualTo(12);
        assertThat(d.message()).contains("expected a number >= 1e-12", "\"soon\"");
        Problem h = at(ps, "topology.hosts");
        assertThat(h.loc().line()).isEqualTo(1);
        assertThat(h.message()).contains("an integer");
        assertThat(ps).hasSize(2);
    }

    @Test
    void unknownKeysSuggestTheClosestName() throws Exception {
        List<Problem> ps = problems(GOOD.replace("durationS: 2", "duratonS: 2").replace("{host: h2}", "{hots: h2}"));
        Problem d = at(ps, "duratonS");
        assertThat(d.loc().line()).isEqualTo(7);
        assertThat(d.message()).contains("unknown key 'duratonS'", "did you mean 'durationS'?");
        Problem h = at(ps, "tenants.a.vms.r1.hots");
        assertThat(h.loc().line()).isEqualTo(6);
        assertThat(h.message()).contains("did you mean 'host'?");
    }

    @Test
    void missingRequiredFields() throws Exception {
        List<Problem> ps = problems(GOOD.replace("topology: {builder: star, hosts: 3}\n", "")
                .replace("{type: udp, to: r1}", "{type: udp}"));
        assertThat(at(ps, "topology").message()).contains("missing required field 'topology'");
        Problem to = at(ps, "tenants.a.vms.a1.traffic[0].to");
        assertThat(to.loc().line()).isEqualTo(4);
        assertThat(to.message()).contains("missing required field 'to'");
    }

    @Test
    void negativeRatesAndBadRanges() throws Exception {
        List<Problem> ps = problems(GOOD.replace("{type: udp, to: r1}", "{type: udp, to: r1, rateMbps: -5}")
                .replace("hosts: 3}", "hosts: 3, rateGbps: -1}"));
        assertThat(at(ps, "tenants.a.vms.a1.traffic[0].rateMbps").message()).contains(">= 0", "-5");
        Problem r = at(ps, "topology.rateGbps");
        assertThat(r.loc().line()).isEqualTo(1);
        assertThat(r.message()).contains("a number >= 0.01", "8 Tbit/s");
    }

    @Test
    void referencesToUnknownTenantsVmsAndHosts() throws Exception {
        List<Problem> ps = problems(GOOD.replace("to: r1", "to: r2").replace("{host: h2}", "{host: h7}")
                + "expect: [{tenant: b, share: [0, 1]}]\ntimeline: [{atS: 1, action: compromise, host: hx}]\n");
        Problem vm = at(ps, "tenants.a.vms.a1.traffic[0].to");
        assertThat(vm.loc().line()).isEqualTo(5);
        assertThat(vm.message()).contains("unknown VM 'r2'", "did you mean 'r1'?");
        Problem host = at(ps, "tenants.a.vms.r1.host");
        assertThat(host.loc().line()).isEqualTo(6);
        assertThat(host.message()).contains("unknown host 'h7'", "h0..h2");
        Problem tenant = at(ps, "expect[0].tenant");
        assertThat(tenant.loc().line()).isEqualTo(8);
        assertThat(tenant.message()).contains("unknown tenant 'b'");
        assertThat(at(ps, "timeline[0].host").loc().line()).isEqualTo(9);
    }

    @Test
    void malformedYamlIsReportedWithItsLine() throws Exception {
        // A key indented deeper than its sibling: SnakeYAML stops at the colon of line 3.
        List<Problem> ps = problems("topology:\n  builder: star\n   hosts: 3\n");
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).message()).startsWith("malformed YAML").contains("mapping values are not allowed");
        assertThat(ps.get(0).loc().line()).isEqualTo(3);
        assertThat(ps.get(0).loc().column()).isEqualTo(9);
        // An unclosed flow mapping is noticed at the line after it.
        List<Problem> unclosed = problems("topology: {builder: star\ntenants: {}\n");
        assertThat(unclosed).singleElement().satisfies(p -> assertThat(p.message()).contains("flow mapping"));
    }

    /**
     * A tab in the indentation was reported at the end of the line before (3:16 for a tab at 4:1), and only
     * SnakeYAML's own text, inside the message, gave the tab's place. Now the tab's line and column, and that tabs
     * are not allowed.
     */
    @Test
    void aTabInTheIndentationIsReportedWhereItIs() throws Exception {
        List<Problem> ps = problems("topology:\n  builder: star\n  hosts: 3\n\trateGbps: 1\n");
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).loc().line()).isEqualTo(4);
        assertThat(ps.get(0).loc().column()).isEqualTo(1);
        assertThat(ps.get(0).message()).startsWith("malformed YAML").contains("tab", "not allowed", "spaces")
                .doesNotContain("(TAB)", "line 4", "reader");
        // Deeper, after spaces: the tab's own column.
        ps = problems("topology:\n  builder: star\ntenants:\n  t1:\n  \tvms: {}\n");
        assertThat(ps).singleElement().satisfies(p -> assertThat(p.loc().line()).isEqualTo(5));
        assertThat(ps.get(0).loc().column()).isEqualTo(3);
    }

    @Test
    void duplicateKeysAndBadTrafficTypes() throws Exception {
        List<Problem> ps = problems(GOOD.replace("durationS: 2", "durationS: 2\ndurationS: 3")
                .replace("type: udp", "type: udpp"));
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.message()).contains("duplicate key 'durationS'");
            assertThat(p.loc().line()).isEqualTo(8);
        });
        assertThat(at(ps, "tenants.a.vms.a1.traffic[0].type").message()).contains("did you mean 'udp'?");
    }

    @Test
    void placementPolicies() throws Exception {
        Path f = dir.resolve("place.yaml");
        Files.writeString(f, String.join("\n",
                "topology: {builder: star, hosts: 16}",
                "tenants:",
                "  t:",
                "    vms:",
                "      s: {count: 3}",
                "      p: {count: 3, placement: pack}",
                "      r: {count: 8, placement: random}",
                ""));
        Scenario one = ScenarioLoader.load(f, List.of());
        // spread: round-robin from h0; pack: the next host for the whole group.
        assertThat(one.vms().subList(0, 6)).extracting(Scenario.Vm::host)
                .containsExactly("h0", "h1", "h2", "h3", "h3", "h3");
        List<String> r1 = one.vms().subList(6, 14).stream().map(Scenario.Vm::host).toList();
        assertThat(ScenarioLoader.load(f, List.of()).vms().subList(6, 14).stream().map(Scenario.Vm::host).toList())
                .as("same seed, same placement").isEqualTo(r1);
        assertThat(ScenarioLoader.load(f, List.of("seed=99")).vms().subList(6, 14).stream().map(Scenario.Vm::host)
                .toList()).as("another seed moves the random VMs").isNotEqualTo(r1);
    }

    @Test
    void trafficBetweenVmsOfOneHostIsRefused() throws Exception {
        List<Problem> ps = problems(GOOD.replace("{host: h2}", "{host: h0}"));
        Problem p = at(ps, "tenants.a.vms.a1.traffic");
        assertThat(p.loc().line()).isEqualTo(5);
        assertThat(p.message()).contains("same host h0");
    }

    @Test
    void crossFieldChecks() throws Exception {
        List<Problem> ps = problems(GOOD.replace("durationS: 2", "durationS: 2\nwarmupS: 3"));
        assertThat(at(ps, "warmupS").message()).contains("must be shorter than durationS");
    }

    @Test
    void ecnDrivenSeawallNeedsSwitchesThatMark() throws Exception {
        for (String mode : new String[] {"ecn", "ecn-bottleneck"}) {
            String yaml = GOOD + "schemeParams: {seawall: {feedback: " + mode + "}}\n";
            Problem p = at(problems(yaml), "schemeParams.seawall.feedback");
            assertThat(p.loc().line()).isEqualTo(8);
            assertThat(p.message()).contains("ecnThresholdBytes").contains(mode);
            // With marking switches, or loss-driven feedback, the file loads.
            assertThat(load(yaml.replace("hosts: 3}", "hosts: 3, ecnThresholdBytes: 60000}")).schemeParams())
                    .containsKey("seawall");
        }
        assertThat(load(GOOD + "schemeParams: {seawall: {feedback: loss}}\n").schemeParams()).containsKey("seawall");
    }

    @Test
    void anEcnThresholdMustBeBelowThePortBuffer() throws Exception {
        String topo = "{builder: star, hosts: 3}";
        // Whatever would rely on the marks: ECN-driven Seawall, or only guests and tenant queues (no scheme params).
        for (String extra : new String[] {"schemeParams: {seawall: {feedback: ecn}}\n",
            "schemeParams: {seawall: {feedback: ecn-bottleneck}}\n", ""}) {
            for (int threshold : new int[] {100000, 200000}) {
                String yaml = GOOD.replace(topo, "{builder: star, hosts: 3, bufferBytes: 100000, ecnThresholdBytes: "
                        + threshold + "}") + extra;
                List<Problem> all = problems(yaml);
                assertThat(all).hasSize(1);
                Problem p = at(all, "topology.ecnThresholdBytes");
                assertThat(p.loc().line()).isEqualTo(1);
                assertThat(p.message()).startsWith("must be below topology.bufferBytes (100000 bytes, each switch "
                        + "port's queue), got " + threshold);
            }
            String below = GOOD.replace(topo, "{builder: star, hosts: 3, bufferBytes: 100000, ecnThresholdBytes: "
                    + "99999}") + extra;
            assertThat(load(below).topology().ecnThresholdBytes()).isEqualTo(99999);
        }
    }

    @Test
    void aFileThatIsNotUtf8SaysSo() throws Exception {
        // Latin-1 (and UTF-16) text read as "cannot read the file: Input length = 3".
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, GOOD.replaceFirst("\n", "\n# caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        try {
            ScenarioLoader.load(f, List.of());
            throw new AssertionError("a Latin-1 file loaded");
        } catch (ScenarioException e) {
            assertThat(e.getMessage()).contains("latin1.yaml", "not UTF-8 text").doesNotContain("Input length");
        }
    }

    @Test
    void switchAndNicBuffersHoldAFullFrame() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, GOOD);
        for (String key : List.of("bufferBytes", "nicBufferBytes")) {
            String set = "topology." + key + "=1537";
            try {
                ScenarioLoader.load(f, List.of(set));
                throw new AssertionError(set + " loaded");
            } catch (ScenarioException e) {
                Problem p = at(e.problems(), "topology." + key);
                assertThat(p.loc().file()).isEqualTo("--set " + set);
                assertThat(p.message()).isEqualTo("expected an integer >= 1538 (a queue must hold one full frame), got 1537");
            }
            assertThat(ScenarioLoader.load(f, List.of("topology." + key + "=1538")).topology())
                    .extracting(key).isEqualTo(1538L);
        }
    }

    @Test
    void aDatagramsFrameFitsEveryBuffer() throws Exception {
        String jumbo = GOOD.replace("{type: udp, to: r1}", "{type: udp, to: r1, packetBytes: 9000}");
        for (String key : List.of("bufferBytes", "nicBufferBytes")) {
            String yaml = jumbo.replace("hosts: 3}", "hosts: 3, " + key + ": 9037}");
            Problem p = at(problems(yaml), "tenants.a.vms.a1.traffic[0].packetBytes");
            assertThat(p.loc().line()).isEqualTo(5);
            assertThat(p.message()).isEqualTo("a 9000-byte datagram is a 9038-byte frame, larger than topology."
                    + key + " (9037), which would drop every one: use packetBytes <= 8999 or buffers of at least "
                    + "9038 bytes");
            assertThat(load(yaml.replace(": 9037}", ": 9038}")).vms().get(0).traffic().get(0).packetBytes())
                    .isEqualTo(9000);
        }
    }

    @Test
    void setOverridesAreValidatedLikeFileValues() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, GOOD);
        assertThatThrownBy(() -> ScenarioLoader.load(f, List.of("topology.rateGbs=2")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("did you mean 'rateGbps'?");
        Scenario s = ScenarioLoader.load(f, List.of("durationS=[3, 4]", "tenants.a.vms.a1.weight=3"));
        assertThat(s.axes()).singleElement().satisfies(a -> assertThat(a.path()).isEqualTo("durationS"));
        assertThat(s.vm("a1").weight()).isEqualTo(3.0);
        assertThat(s.parameters()).containsEntry("tenants.a.vms.a1.weight", "3");
    }

    @Test
    void nestedSchemeParameterMapsReadAsDottedKeys() throws Exception {
        // rateMbps.<tenant>, as 'describe schemes' lists it, in both YAML forms and through --set.
        String nested = GOOD + "schemeParams: {ratelimit: {rateMbps: {a: 100}}}\n";
        String dotted = GOOD + "schemeParams: {ratelimit: {\"rateMbps.a\": 100}}\n";
        for (String yaml : new String[] {nested, dotted}) {
            assertThat(load(yaml).schemeParams().get("ratelimit")).containsEntry("rateMbps.a", "100");
        }
        Path f = dir.resolve("set.yaml");
        Files.writeString(f, GOOD);
        assertThat(ScenarioLoader.load(f, List.of("schemeParams.ratelimit.rateMbps.a=100")).schemeParams()
                .get("ratelimit")).containsEntry("rateMbps.a", "100");
    }
}
