package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * The runner recycles packets. If any model, scheme or shim touched a packet after releasing it, a recycled packet
 * would carry another packet's fields and the run would diverge: so each scheme's run must be identical, event for
 * event, with recycling on and off.
 */
class PacketRecyclingTest {
    @ParameterizedTest(name = "{0} under {1} {2}")
    @CsvSource({
        "udp-flood.yaml, seawall, ''",
        "udp-flood.yaml, qcn, ''",
        "many-flows.yaml, tcp, ''",
        "compromised.yaml, seawall, ''",
        "overhead.yaml, seawall, ''",
        // Encapsulation grows packets at the sending shim and shrinks them at the receiving one.
        "overhead.yaml, seawall, schemeParams.seawall.stamping=encapsulation",
        "weighted-floods.yaml, drr, ''",
        "policer.yaml, ratelimit, ''",
    })
    void recyclingPacketsChangesNothing(String file, String scheme, String extra) throws Exception {
        List<String> sets = new java.util.ArrayList<>(List.of("scheme=" + scheme, "durationS=0.6", "warmupS=0.2"));
        if (!extra.isEmpty()) {
            sets.add(extra);
        }
        Scenario sc = ScenarioLoader.load(Path.of("library", file), sets);
        RunResult fresh = Runner.run(sc, null, false);
        RunResult recycled = Runner.run(sc, null, true);
        assertThat(recycled.events()).isEqualTo(fresh.events()).isGreaterThan(10_000);
        assertThat(recycled.fingerprint()).isEqualTo(fresh.fingerprint());
        assertThat(recycled.vmGoodputBps()).containsExactly(fresh.vmGoodputBps());
        assertThat(recycled.linkDrops()).containsExactly(fresh.linkDrops());
        assertThat(recycled.linkUtilization()).containsExactly(fresh.linkUtilization());
    }
}
