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
        // Each scheme whose parameter is swept is run (a scheme axis): an axis over a scheme not run is refused.
        List<Sweep.Point> points = Sweep.expand(f, List.of("scheme=[seawall,drr,qcn]",
                "schemeParams.seawall.pacingJitterUs=[0,20,100]", "schemeParams.drr.mapping=[static,hashed]",
                "schemeParams.qcn.qeqBytes=[5000,26000]"));
        assertThat(points).hasSize(3 * 3 * 2 * 2);
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
        List<Problem> ps = problems(f, List.of("scheme=[seawall,drr]"));
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
        List<String> qcn = List.of("scheme=qcn");
        ScenarioLoader.load(f, qcn); // the base (its first value) is fine
        assertThatThrownBy(() -> Sweep.expand(f, qcn)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("sweep point schemeParams.qcn.qeqBytes=200000")
                .hasMessageContaining("must be below the switch ports' buffer");
    }

    /**
     * A value written twice is one value to the scheme's reader, not only when the texts match: numbers by value
     * (0.2 and 0.20, 500 and 0.5e3, 262144 and 2.62144e5), names in any case (usage and Usage). These ran their points
     * twice (two identical runs, shown in sweep.csv as 0.2 and 0.20) while tenants.light.weight: [1, 1.0] was
     * refused. Refused at the later item, in the YAML and the --set forms, for Seawall's and the baselines' keys.
     */
    @Test
    void aValueTwiceAsTheSchemeReadsItIsRefusedAtTheLaterItem() throws Exception {
        Path f = file("schemeParams:\n" // 7
                + "  seawall:\n" // 8
                + "    beta: [0.3, 0.2, 0.20]\n" // 9
                + "    intervalUs: [500, 0.5e3]\n" // 10
                + "    split: [usage, equal, Usage]\n" // 11
                + "    queueBytesPerTunnel: [262144, 2.62144e5]\n" // 12
                + "    coupleAtOwnReport: [true, TRUE]\n"); // 13
        List<Problem> ps = problems(f, List.of());
        assertThat(ps).extracting(Problem::path).containsExactlyInAnyOrder("schemeParams.seawall.beta[2]",
                "schemeParams.seawall.intervalUs[1]", "schemeParams.seawall.split[2]",
                "schemeParams.seawall.queueBytesPerTunnel[1]", "schemeParams.seawall.coupleAtOwnReport[1]");
        Problem beta = at(ps, "schemeParams.seawall.beta[2]");
        assertThat(beta.loc().line()).isEqualTo(9);
        assertThat(beta.loc().column()).isEqualTo(22);
        assertThat(beta.message()).startsWith("the sweep axis gives 0.2 twice (items 1 and 2, from 0")
                .contains("reads 0.20 as 0.2").endsWith("give each value once");
        assertThat(at(ps, "schemeParams.seawall.intervalUs[1]").message()).contains("gives 500 twice");
        assertThat(at(ps, "schemeParams.seawall.split[2]").message()).contains("gives usage twice (items 0 and 2")
                .contains("any case");
        assertThat(at(ps, "schemeParams.seawall.queueBytesPerTunnel[1]").loc().line()).isEqualTo(12);
        // Through --set, for the baselines' keys too: the place is the --set.
        for (String[] c : new String[][] {{"seawall", "schemeParams.seawall.alphaMbps=[5,5.0,6]", "alphaMbps[1]"},
                {"seawall", "schemeParams.seawall.increase=[cubic,Cubic]", "increase[1]"},
                {"drr", "schemeParams.drr.mapping=[static,STATIC]", "mapping[1]"},
                {"drr", "schemeParams.drr.baseQuantumBytes=[1538,1.538e3]", "baseQuantumBytes[1]"},
                {"qcn", "schemeParams.qcn.qeqBytes=[26000,2.6e4]", "qeqBytes[1]"},
                {"qcn", "schemeParams.qcn.maxDecrease=[0.5,.5]", "maxDecrease[1]"}}) {
            Problem p = at(problems(file(""), List.of("scheme=" + c[0], c[1])), "schemeParams." + c[0] + "." + c[2]);
            assertThat(p.loc().file()).isEqualTo("--set " + c[1]);
            assertThat(p.message()).contains("twice").contains("give each value once");
        }
        // Different values, however close, stay an axis.
        Scenario ok = ScenarioLoader.load(file(""), List.of("schemeParams.seawall.beta=[0.2,0.21]",
                "schemeParams.seawall.intervalUs=[500,500.5]", "schemeParams.seawall.split=[usage,equal]"));
        assertThat(ok.axes()).hasSize(3);
    }

    /**
     * An axis over a parameter of a scheme the sweep does not run gave identical runs shown as a varied parameter
     * ('schemeParams.qcn.qeqBytes=[5000,26000]' on a seawall file: 2 runs, one fingerprint). Refused, naming the axis
     * and the schemes run, in the YAML and the --set forms, by validate's loader and by the sweep's expansion; a
     * scheme axis that runs the scheme makes it an axis again, and a scalar of another scheme stays accepted.
     */
    @Test
    void anAxisOverASchemeTheSweepDoesNotRunIsRefused() throws Exception {
        Path yaml = file("schemeParams:\n  drr: {queueBytes: [0, 150000]}\n");
        Problem p = at(problems(yaml, List.of()), "schemeParams.drr.queueBytes");
        assertThat(p.loc().line()).isEqualTo(8);
        assertThat(p.message()).contains("a sweep axis over a parameter of drr, which this sweep does not run")
                .contains("scheme seawall only").contains("identical runs");
        assertThatThrownBy(() -> Sweep.expand(yaml, List.of())).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("schemeParams.drr.queueBytes: a sweep axis over a parameter of drr");
        for (String set : List.of("schemeParams.qcn.qeqBytes=[5000,26000]", "schemeParams.ratelimit.mode=[policer,"
                + "shaper]", "schemeParams.drr.mapping=[static,hashed]")) {
            String scheme = set.split("\\.")[1];
            Problem q = at(problems(file(""), List.of(set)), "schemeParams." + scheme + "." + set.split("[.=]")[2]);
            assertThat(q.loc().file()).isEqualTo("--set " + set);
            assertThat(q.message()).contains("parameter of " + scheme + ", which this sweep does not run");
            // The other way round: seawall's parameter under another scheme.
            Problem r = at(problems(file(""), List.of("scheme=" + scheme, "schemeParams.seawall.beta=[0.1,0.2]")),
                    "schemeParams.seawall.beta");
            assertThat(r.message()).contains("scheme " + scheme + " only");
            // A scheme axis that runs it: each of its points reads the value.
            assertThat(Sweep.expand(file(""), List.of("scheme=[seawall," + scheme + "]", set))).hasSize(4);
        }
        // In compare: only, it is not run by a sweep (compare takes no axes): the message says so.
        Problem c = at(problems(file("compare: [seawall, qcn]\n"), List.of("schemeParams.qcn.qeqBytes=[5000,"
                + "26000]")), "schemeParams.qcn.qeqBytes");
        assertThat(c.message()).contains("compare: lists qcn, but compare takes no axes");
        // A scalar of a scheme not run multiplies nothing: kept, for --scheme and compare.
        assertThat(ScenarioLoader.load(file("schemeParams:\n  qcn: {qeqBytes: 5000}\n"), List.of()).axes())
                .isEmpty();
    }
}
