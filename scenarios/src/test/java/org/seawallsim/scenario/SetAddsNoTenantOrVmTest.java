package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * A --set that names a tenant or VM group the file does not have is refused, with the names it has: a typo
 * (tenants.attacker.vms.A.weight=2 for a) used to add a VM, placed automatically, and validate said ok with one VM
 * more. Settings on the names the file has, and new keys elsewhere (a scheme's parameters), still apply.
 */
class SetAddsNoTenantOrVmTest {
    private static final Path FILE = Path.of("library", "udp-flood.yaml");

    @ParameterizedTest(name = "--set {0}")
    @CsvSource(delimiter = '|', value = {
        "tenants.attacker.vms.A.weight=2 | the file has no VM group 'A' (did you mean 'a'?)",
        "tenants.atacker.weight=2 | the file has no tenant 'atacker' (did you mean 'attacker'?)",
        "tenants.victim.vms.w.traffic=[] | the file has no VM group 'w'",
        "tenants.newcomer.vms.x.host=h0 | the file has no tenant 'newcomer'"})
    void aSetNamingATenantOrVmTheFileLacksIsRefused(String set, String says) {
        assertThatThrownBy(() -> ScenarioLoader.load(FILE, List.of(set))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(says).hasMessageContaining("adds none");
    }

    @ParameterizedTest(name = "--set {0}")
    @CsvSource({"tenants.attacker.vms.a.weight=2, 4", "tenants.attacker.weight=3, 4",
        "schemeParams.seawall.alphaMbps=4, 4", "topology.hostTiming.sendJitterUs=2, 4"})
    void setsOnWhatTheFileHasStillApply(String set, int vms) throws Exception {
        assertThat(ScenarioLoader.load(FILE, List.of(set)).vms()).hasSize(vms);
    }

    /**
     * A --set of one key of topology.hostTiming on a file without the section created it, turning real-host timing
     * on with defaults for the rest (base.yaml: 205 766 events became 320 038). Refused, saying how to turn it on;
     * the whole section may be given, and a file that has it takes the key.
     */
    @org.junit.jupiter.api.Test
    void aSetDoesNotCreateHostTiming(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("base.yaml");
        java.nio.file.Files.writeString(f, "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r}]}\n      r: {host: h2}\n");
        assertThatThrownBy(() -> ScenarioLoader.load(f, List.of("topology.hostTiming.rxCoalesceUs=3")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("--set topology.hostTiming.rxCoalesceUs: topology.hostTiming: ")
                .hasMessageContaining("the file has no topology.hostTiming section, and giving it turns it on")
                .hasMessageContaining("hostTiming: {} for the defaults")
                .hasMessageContaining("--set topology.hostTiming={rxCoalesceUs: ...}");
        assertThat(ScenarioLoader.load(f, List.of()).topology().hostTiming().enabled()).isFalse();
        assertThat(ScenarioLoader.load(f, List.of("topology.hostTiming={rxCoalesceUs: 3}")).topology().hostTiming()
                .rxCoalesceUs()).isEqualTo(3);
        // enabled=false changes nothing, so it is taken (it was refused as 'giving it turns it on'); true is not.
        for (String off : List.of("topology.hostTiming.enabled=false", "topology.hostTiming.enabled=False")) {
            assertThat(ScenarioLoader.load(f, List.of(off)).topology())
                    .isEqualTo(ScenarioLoader.load(f, List.of()).topology());
        }
        assertThatThrownBy(() -> ScenarioLoader.load(f, List.of("topology.hostTiming.enabled=true")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("giving it turns it on");
    }
}
