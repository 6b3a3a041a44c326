package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Binder;
import org.seawallsim.scenario.model.Problem;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.Sweep;

/**
 * Scheme parameters are sweep axes like the format's own numeric and enum fields: a YAML list, or --set
 * 'schemeParams.seawall.pacingJitterUs=[0,20,100]', under schemeParams.&lt;scheme&gt; makes an axis whose points each
 * carry one value. Before, both were refused ("expected a scalar value or a mapping of them, got a list"), and a
 * study of Seawall's own knobs needed one file per value. A bad item is refused where it is written, with its index,
 * as topology.bufferBytes: [1538, 10] is.
 */
class SchemeParamAxesTest {
    @TempDir
    Path dir;

    private static final String BASE = String.join("\n",
            "topology: {builder: star, hosts: 3, bufferBytes: 131072, ecnThresholdBytes: 60000}", // 1
            "tenants:",                                                                         // 2
            "  a: {vms: {v1: {host: h0, traffic: [{type: udp, to: r}]}, r: {host: h2}}}",        // 3
            "scheme: seawall",                                                                  // 4
            "durationS: 0.2",                                                                   // 5
            "warmupS: 0.05",                                                                    // 6
            "");

    private Path file(String extra) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, BASE + extra);
        return f;
    }

    private static Binder.Axis axis(Scenario s, String path) {
        return s.axes().stream().filter(a -> a.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no axis " + path + " in " + s.axes()));
    }

    /** Each point's value of schemeParams.&lt;scheme&gt;.&lt;key&gt;, as the scheme reads it, in point order. */
    private static List<String> pointValues(List<Sweep.Point> points, String scheme, String key) {
        return points.stream().map(p -> p.scenario().schemeParams().get(scheme).get(key)).toList();
    }

    private List<Problem> problems(Path f, List<String> sets) {
        try {
            ScenarioLoader.load(f, sets);
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    private static Problem at(List<Problem> ps, String path) {
        return ps.stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + ps));
    }

    @Test
    void yamlListsOfANumberAndAnEnumAreAxesWhosePointsCarryEachValue() throws Exception {
        Path f = file("schemeParams:\n  seawall: {intervalUs: [500, 2000], feedback: [loss, ecn]}\n");
        Scenario base = ScenarioLoader.load(f, List.of());
        assertThat(base.axes()).extracting(Binder.Axis::path)
                .containsExactly("schemeParams.seawall.intervalUs", "schemeParams.seawall.feedback");
        assertThat(axis(base, "schemeParams.seawall.intervalUs").values()).containsExactly("500", "2000");
        assertThat(axis(base, "schemeParams.seawall.feedback").values()).containsExactly("loss", "ecn");
        List<Sweep.Point> points = Sweep.expand(f, List.of());
        // The cartesian product, the last axis varying fastest, as for every other axis.
        assertThat(points).hasSize(4);
        assertThat(pointValues(points, "seawall", "intervalUs")).containsExactly("500", "500", "2000", "2000");
        assertThat(pointValues(points, "seawall", "feedback")).containsExactly("loss", "ecn", "loss", "ecn");
        assertThat(points.get(3).values()).containsExactly(Map.entry("schemeParams.seawall.intervalUs", "2000"),
                Map.entry("schemeParams.seawall.feedback", "ecn"));
        // The results' parameter record names the axis and the value, as for topology.bufferBytes.
        assertThat(points.get(3).scenario().parameters()).containsEntry("schemeParams.seawall.intervalUs", "2000")
                .containsEntry("schemeParams.seawall.feedback", "ecn");
    }

    @Test
    void setListsMakeAxesForSeawallAndForBaselines() throws Exception {
        Path f = file("");
        List<Sweep.Point> points = Sweep.expand(f, List.of("schemeParams.seawall.pacingJitterUs=[0,20,100]",
                "schemeParams.drr.mapping=[static,hashed]", "schemeParams.qcn.qeqBytes=[5000,26000]"));
        assertThat(points).hasSize(3 * 2 * 2);
        assertThat(points.get(0).scenario().axes()).isEmpty(); // a point is one value of each axis
        assertThat(pointValues(points, "seawall", "pacingJitterUs").stream().distinct().toList())
                .containsExactly("0", "20", "100");
        assertThat(pointValues(points, "drr", "mapping").subList(0, 4))
                .containsExactly("static", "static", "hashed", "hashed");
        assertThat(pointValues(points, "qcn", "qeqBytes").subList(0, 4)).containsExactly("5000", "26000", "5000",
                "26000");
        // A --set list replaces a value the file gives, as for the format's fields.
        Path g = file("schemeParams:\n  seawall: {beta: 0.3}\n");
        assertThat(pointValues(Sweep.expand(g, List.of("schemeParams.seawall.beta=[0.1,0.5]")), "seawall", "beta"))
                .containsExactly("0.1", "0.5");
    }

    @Test
    void aBadItemIsRefusedWhereItIsWrittenWithItsIndex() throws Exception {
        Path f = file("schemeParams:\n" // 7
                + "  seawall:\n" // 8
                + "    intervalUs: [500, 5]\n" // 9
                + "    feedback: [loss, lost]\n" // 10
                + "  drr: {queueBytes: [0, -3]}\n"); // 11
        List<Problem> ps = problems(f, List.of());
        assertThat(ps).hasSize(3);
        Problem interval = at(ps, "schemeParams.seawall.intervalUs[1]");
        assertThat(interval.loc().file()).isEqualTo(f.toString());
        assertThat(interval.loc().line()).isEqualTo(9);
        assertThat(interval.loc().column()).isEqualTo(23);
        assertThat(interval.message()).contains("[10, 400000] us").contains("got '5'");
        Problem feedback = at(ps, "schemeParams.seawall.feedback[1]");
        assertThat(feedback.loc().line()).isEqualTo(10);
        assertThat(feedback.loc().column()).isEqualTo(22);
        assertThat(feedback.message()).contains("loss, ecn, ecn-bottleneck").contains("'lost'");
        assertThat(at(ps, "schemeParams.drr.queueBytes[1]").loc().line()).isEqualTo(11);
        // The whole message, as validate prints it: file, line, column, field with the item, what is allowed.
        assertThat(new ScenarioException(List.of(interval)).getMessage())
                .contains(f + ":9:23: schemeParams.seawall.intervalUs[1]: expected a time in [10, 400000] us");
        // Through --set: the item is named by index, the place is the --set.
        Problem set = at(problems(file(""), List.of("schemeParams.seawall.pacingJitterUs=[0,2000]")),
                "schemeParams.seawall.pacingJitterUs[1]");
        assertThat(set.loc().file()).isEqualTo("--set schemeParams.seawall.pacingJitterUs=[0,2000]");
        assertThat(set.message()).contains("[0, 1000] us").contains("'2000'");
    }

    @Test
    void aFirstItemThatIsBadIsNamedByIndexToo() throws Exception {
        List<Problem> ps = problems(file("schemeParams:\n  seawall: {beta: [1.5, 0.2]}\n"), List.of());
        assertThat(ps).extracting(Problem::path).containsExactly("schemeParams.seawall.beta[0]");
    }

    @Test
    void anEmptyListAValueTwiceAndANestedListAreRefused() throws Exception {
        List<Problem> ps = problems(file("schemeParams:\n  seawall: {beta: [0.1, 0.1], alphaMbps: [], split: [[none]]}\n"),
                List.of());
        assertThat(at(ps, "schemeParams.seawall.beta[1]").message()).contains("gives 0.1 twice");
        assertThat(at(ps, "schemeParams.seawall.alphaMbps").message()).contains("an empty list cannot be a sweep axis");
        assertThat(at(ps, "schemeParams.seawall.split[0]").message()).contains("got a list");
    }

    @Test
    void aCheckAcrossSectionsIsMadeForEachPoint() throws Exception {
        // QCN's set point must be below the buffer (131072): the second value is refused when its point is bound,
        // as a swept topology.ecnThresholdBytes above the buffer is.
        Path f = file("schemeParams:\n  qcn: {qeqBytes: [26000, 200000]}\n");
        ScenarioLoader.load(f, List.of()); // the base (its first value) is fine
        assertThatThrownBy(() -> Sweep.expand(f, List.of())).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("sweep point schemeParams.qcn.qeqBytes=200000")
                .hasMessageContaining("must be below the switch ports' buffer");
    }
}
