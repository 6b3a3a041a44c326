package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under Seawall's default usage split a VM whose paths stop at different links in the ideal gets another share on
 * each link than the ideal, which splits its weight by flows: the run says so, naming the VM with each path's
 * ideal and measured goodput, since summary.json judges only its total (probeH s12: a at 1.000 of its ideal while
 * its tunnel across the trunk held 190 of 319 Mb/s and b got 1.16 of its share).
 */
class UsageSplitNoteTest {
    /**
     * a sends UDP to ra1 across the trunk and to ra2 on its own side, b across the trunk only (no hostTiming: exact
     * NIC rates). Ideal by hand, UDP payload 1472 of 1538 wire bytes, C = 957.087 Mb/s of payload: on the trunk a's
     * path to h3 has half a's weight against b's 1, so a->ra1 = C/3 = 319.03 and b = 2C/3 = 638.06; then a's path
     * to h1 takes the rest of a's NIC, C - C/3 = 638.06. The first stops at the trunk, the second at a's NIC.
     */
    private static final String S12 = """
            topology: {builder: dumbbell, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000}
            tenants:
              A: {vms: {a: {host: h0, traffic: [{type: udp, to: [ra1, ra2], rateMbps: 2000, pattern: poisson}]}, ra1: {host: h3}, ra2: {host: %s}}}
              B: {vms: {b: {host: h2, traffic: [{type: udp, to: rb, rateMbps: 2000, pattern: poisson}]}, rb: {host: h4}}}
            scheme: seawall
            schemeParams: {seawall: {feedback: ecn}}
            durationS: 0.6
            warmupS: 0.3
            """;

    private static List<String> splitNotes(RunResult r) {
        return r.notes().stream().filter(n -> n.contains("limited at different links in the ideal")).toList();
    }

    @Test
    void aVmWhosePathsStopAtDifferentLinksIsNamedWithEachPath(@TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, S12.formatted("h1"));
        List<String> notes = splitNotes(r);
        assertThat(notes).hasSize(1);
        String note = notes.get(0);
        assertThat(note).startsWith("VM with paths limited at different links in the ideal: a: ")
                .contains("to h3 (limited at swL->swR) ideal 319.03, measured ",
                        "to h1 (limited at h0->swL) ideal 638.06, measured ", "split: usage", "by flows")
                .doesNotContain("b: ").doesNotContain("one tunnel");
        // The measured path goodputs add up to a's goodput (each printed to 0.01 Mb/s).
        Matcher m = Pattern.compile("measured (\\d+\\.\\d\\d) Mb/s").matcher(note);
        double sum = 0;
        int paths = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            paths++;
        }
        assertThat(paths).isEqualTo(2);
        assertThat(sum).isCloseTo(r.vmGoodputBps()[0] / 1e6, within(0.011));
    }

    @Test
    void noNoteWhenAllPathsStopAtOneLink(@TempDir Path dir) throws Exception {
        // ra2 on h4: both of a's paths cross the trunk and stop there.
        assertThat(splitNotes(ScenarioRuns.run(dir, S12.formatted("h4")))).isEmpty();
    }

    @Test
    void noNoteWhenTheSchemeSplitsEquallyOrIsNotSeawall(@TempDir Path dir) throws Exception {
        assertThat(splitNotes(ScenarioRuns.run(dir, S12.formatted("h1"), "schemeParams.seawall.split=equal")))
                .isEmpty();
        assertThat(splitNotes(ScenarioRuns.run(dir, S12.formatted("h1"), "scheme=drr"))).isEmpty();
    }

    /**
     * probeS s6 and s12a, shortened: VM a's 64 (32) TCP flows go to ONE host, so one tunnel, and ECMP spreads them
     * over a leaf-spine's two spines (a fat-tree's four core paths); in the ideal one path stops at a spine->leaf
     * (core) link, another at the receiver's host link. The cause is the one rate limit per tunnel (README,
     * "Tunnels over several paths (ECMP)"), which no split setting touches: usage, equal and none give
     * byte-identical runs (one fingerprint), and the note must be the same under all three. Before, split usage
     * blamed the usage split and equal and none gave no note (a at 0.59 of its ideal in the probe's 1-s run).
     */
    private static final String LEAF_SPINE = """
            topology: {builder: leafspine, leaves: 3, spines: 2, hostsPerRack: 3, rateGbps: 1, delayUs: 3, hostTiming: {}, ecnThresholdBytes: 60000}
            tenants:
              vic: {vms: {v: {host: h0, traffic: [{type: bulk, to: vr, flows: 1}]}, vr: {host: h6}}}
              tA:  {vms: {a: {host: h1, traffic: [{type: bulk, to: ar, flows: 64}]}, ar: {host: h6}}}
              tU:  {vms: {u: {host: h3, traffic: [{type: udp, to: ur, rateMbps: 700}]}, ur: {host: h6}}}
              tB:  {vms: {b: {host: h4, traffic: [{type: udp, to: br, rateMbps: 300}]}, br: {host: h7}}}
            scheme: seawall
            schemeParams: {seawall: {feedback: ecn}}
            durationS: 0.2
            warmupS: 0.1
            seed: 1
            """;

    private static final String FAT_TREE = """
            topology: {builder: fattree, k: 4, rateGbps: 1, delayUs: 2, hostTiming: {}, ecnThresholdBytes: 60000}
            tenants:
              tv: {vms: {v: {host: h0, traffic: [{type: bulk, to: vr, flows: 1}]}, vr: {host: h15}}}
              ta: {vms: {a: {host: h1, traffic: [{type: bulk, to: ar, flows: 32}]}, ar: {host: h14}}}
              tu: {vms: {u: {host: h2, traffic: [{type: udp, to: ur, rateMbps: 2000}]}, ur: {host: h13}}}
            scheme: seawall
            schemeParams: {seawall: {feedback: ecn}}
            durationS: 0.2
            warmupS: 0.1
            seed: 1
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaf-spine", "fat-tree"})
    void aOneTunnelVmOverEcmpPathsIsPutOnThePerTunnelLimitWhateverTheSplit(String topology, @TempDir Path dir)
            throws Exception {
        String yaml = topology.equals("leaf-spine") ? LEAF_SPINE : FAT_TREE;
        String host = topology.equals("leaf-spine") ? "h6" : "h14";
        RunResult usage = ScenarioRuns.run(dir, yaml, "schemeParams.seawall.split=usage");
        List<String> notes = splitNotes(usage);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).startsWith("VM with paths of one tunnel limited at different links in the ideal: a: "
                + "to " + host + " (limited at ").contains("Tunnels over several paths (ECMP)", "whatever split is set")
                .doesNotContain("split: usage splits", "v: ", "u: ", "b: ");
        // Two or more of a's paths named, all to its one destination host.
        assertThat(notes.get(0).split("to " + host + " \\(limited at ", -1).length - 1).isGreaterThanOrEqualTo(2);
        for (String split : new String[] {"equal", "none"}) {
            RunResult other = ScenarioRuns.run(dir, yaml, "schemeParams.seawall.split=" + split);
            // The split across tunnels cannot act on one tunnel: the same run, so the same note.
            assertThat(other.fingerprint()).as(split).isEqualTo(usage.fingerprint());
            assertThat(splitNotes(other)).as(split).isEqualTo(notes);
        }
    }
}
