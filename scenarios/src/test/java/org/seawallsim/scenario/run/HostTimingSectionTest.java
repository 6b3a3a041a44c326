package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.engine.net.HostTimingConfig;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;

/** The topology.hostTiming section reaches the engine with the engine's documented defaults, or not at all. */
class HostTimingSectionTest {
    @TempDir
    Path dir;

    private Scenario load(String hostTiming, String... sets) throws Exception {
        Path f = dir.resolve("h.yaml");
        Files.writeString(f, "topology: {builder: star, hosts: 2" + hostTiming + "}\ntenants:\n  t: {vms: {a: {host: h0,"
                + " traffic: [{type: bulk, to: b}]}, b: {host: h1}}}\ndurationS: 2\n");
        return ScenarioLoader.load(f, List.of(sets));
    }

    @Test
    void anEmptySectionIsTheEnginesDefaults() throws Exception {
        assertThat(NetworkBuilder.hostTiming(load(", hostTiming: {}").topology().hostTiming()))
                .isEqualTo(HostTimingConfig.defaults1GbE());
    }

    @Test
    void withoutTheSectionOrDisabledHostsAreIdeal() throws Exception {
        assertThat(NetworkBuilder.hostTiming(load("").topology().hostTiming())).isEqualTo(HostTimingConfig.OFF);
        assertThat(NetworkBuilder.hostTiming(load(", hostTiming: {enabled: false, sendJitterUs: 3}").topology()
                .hostTiming())).isEqualTo(HostTimingConfig.OFF);
    }

    @Test
    void everyFieldReachesTheEngineInPicoseconds() throws Exception {
        HostTimingConfig c = NetworkBuilder.hostTiming(load(", hostTiming: {servicePerPacketUs: 2.5, "
                + "servicePerByteNs: 0.5, sendJitterUs: 7, rxCoalesceUs: 50, rxCoalesceFrames: 4, nicClockPpm: 20}")
                .topology().hostTiming());
        assertThat(c).isEqualTo(new HostTimingConfig(2_500_000L, 500L, 7_000_000L, 50_000_000L, 4, 20));
        HostTimingConfig viaSet = NetworkBuilder.hostTiming(load(", hostTiming: {}",
                "topology.hostTiming.rxCoalesceUs=0", "topology.hostTiming.rxCoalesceFrames=1").topology()
                .hostTiming());
        assertThat(viaSet.rxCoalescePs()).isZero();
    }

    @Test
    void framesWithoutATimerNameTheField() {
        assertThatThrownBy(() -> load(", hostTiming: {rxCoalesceUs: 0, rxCoalesceFrames: 8}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("h.yaml:1:")
                .hasMessageContaining("topology.hostTiming.rxCoalesceFrames");
        assertThatThrownBy(() -> load(", hostTiming: {nicClockPpm: 5000}")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("topology.hostTiming.nicClockPpm");
    }
}
