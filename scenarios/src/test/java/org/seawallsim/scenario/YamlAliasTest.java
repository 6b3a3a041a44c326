package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.model.Problem;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.yaml.YamlTree;

/** YAML anchors, aliases and merge keys are expanded, within a node budget that stops a "billion laughs" file. */
class YamlAliasTest {
    private static List<Problem> problems(String text) {
        try {
            ScenarioLoader.open(Path.of("t.yaml"), text, List.of()).scenario(java.util.Map.of());
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void anchorsAliasesAndMergeKeysGiveTheExpandedScenario() throws Exception {
        Scenario viaAliases = ScenarioLoader.load(Path.of("src/test/resources/yaml/anchors.yaml"), List.of());
        Scenario expanded = ScenarioLoader.load(Path.of("src/test/resources/yaml/anchors-expanded.yaml"), List.of());
        assertThat(viaAliases.topology()).isEqualTo(expanded.topology());
        assertThat(viaAliases.vms()).isEqualTo(expanded.vms());
        // The merged-in keys are defaults: the keys written beside '<<' win (v sends 500 Mb/s to vr, not 2000 to ar).
        assertThat(viaAliases.vm("v").traffic().get(0).rateMbps()).isEqualTo(500);
        assertThat(viaAliases.vm("v").traffic().get(0).to()).containsExactly("vr");
    }

    @Test
    void billionLaughsEndsQuicklyWithTheLineThatCrossesTheBudget() {
        StringBuilder sb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            sb.append("]\n");
        }
        List<Problem> ps = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> problems(sb.toString()));
        assertThat(ps).hasSize(1);
        // 9^5 = 59 049 nodes at level e, 9^6 at level f: the budget of 100 000 is crossed on line 6.
        assertThat(ps.get(0).loc().line()).isEqualTo(6);
        assertThat(ps.get(0).message()).contains("expands to more than " + YamlTree.MAX_NODES, "billion laughs");
    }

    @Test
    void aliasesWithinTheBudgetAreFine() throws Exception {
        // Five levels of nine: 66 430 nodes, more than any scenario needs but within the budget.
        StringBuilder sb = new StringBuilder("x-a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
        for (char c = 'b'; c <= 'e'; c++) {
            char prev = (char) (c - 1);
            sb.append("x-").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            sb.append("]\n");
        }
        sb.append("topology: {builder: star, hosts: 2}\ntenants: {t: {vms: {a: {host: h0}}}}\n");
        assertThat(ScenarioLoader.open(Path.of("t.yaml"), sb.toString(), List.of()).scenario(java.util.Map.of())
                .vms()).hasSize(1);
    }

    @Test
    void unknownAliasesAndBadMergesAreLocatedErrors() {
        List<Problem> unknown = problems("topology: {builder: star, hosts: 2}\ntenants: *nothing\n");
        assertThat(unknown).singleElement().satisfies(p -> {
            assertThat(p.loc().line()).isEqualTo(2);
            assertThat(p.message()).contains("alias *nothing names no anchor");
        });
        // Jackson does not report anchors on scalars, so their aliases are refused rather than read as text.
        List<Problem> scalar = problems("x-n: &n 5\ntopology: {builder: star, hosts: *n}\ntenants: {}\n");
        assertThat(scalar).singleElement().satisfies(p -> {
            assertThat(p.loc().line()).isEqualTo(2);
            assertThat(p.message()).contains("anchors on single values are not supported");
        });
        List<Problem> merge = problems("x-n: &n [1, 2]\ntopology: {<<: *n, builder: star}\ntenants: {}\n");
        assertThat(merge).singleElement().satisfies(p -> {
            assertThat(p.loc().line()).isEqualTo(2);
            assertThat(p.message()).contains("merge key '<<' needs a mapping");
        });
    }

    @Test
    void anAnchoredValueIsCheckedWhereItIsUsedAndPointsAtItsText() {
        List<Problem> ps = problems("x-bad: &bad {type: udp, to: b, rateMbps: -1}\n"
                + "topology: {builder: star, hosts: 2}\n"
                + "tenants: {t: {vms: {a: {host: h0, traffic: [*bad]}, b: {host: h1}}}}\n");
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tenants.t.vms.a.traffic[0].rateMbps");
            assertThat(p.loc().line()).isEqualTo(1);
        });
    }
}
