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
}
