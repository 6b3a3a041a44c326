package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;

/** The expect: block judged against a summary: a ratio to an ideal of 0 is undefined, and says so. */
class ExpectationsTest {
    @TempDir
    Path dir;

    @Test
    void aRatioToAnIdealOfZeroFailsAndSaysWhyWhateverItsRange() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, String.join("\n",
                "topology: {builder: star, hosts: 2}",
                "tenants:",
                "  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b}]}, b: {host: h1},"
                        + " c: {host: h0, active: false, traffic: [{type: udp, to: b}]}}}",
                "durationS: 2",
                "expect:",
                "  - {vm: c, ratioToIdeal: [0, 2]}",
                "  - {vm: a, ratioToIdeal: [0.9, 1.1]}",
                ""));
        Scenario sc = ScenarioLoader.load(f, List.of());
        JsonNode summary = new ObjectMapper().readTree("""
                {"scheme": "seawall", "metrics": {},
                 "vms": [{"name": "a", "goodput_bps": 9.5e8, "ideal_bps": 1e9},
                         {"name": "b", "goodput_bps": 0, "ideal_bps": 0},
                         {"name": "c", "goodput_bps": 0, "ideal_bps": 0}],
                 "tenants": [{"name": "t", "goodput_bps": 9.5e8}]}
                """);
        List<Expectations.Check> checks = Expectations.check(sc, summary);
        assertThat(checks).hasSize(2);
        // A sender that never joins has an ideal of 0 at run time (a receiver's is refused by validate). Before: its
        // ratio read 0, inside [0, 2], and passed.
        assertThat(checks.get(0).ok()).isFalse();
        assertThat(checks.get(0).toString()).contains("vm c ratioToIdeal (undefined: its ideal is 0");
        assertThat(checks.get(1).ok()).isTrue();
        assertThat(checks.get(1).value()).isEqualTo(0.95);
    }
}
