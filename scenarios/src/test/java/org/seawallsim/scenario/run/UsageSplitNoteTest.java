package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return r.notes().stream().filter(n -> n.contains("paths limited at different links")).toList();
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
                .doesNotContain("b: ");
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
}
