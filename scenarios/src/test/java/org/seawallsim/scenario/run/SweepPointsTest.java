package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * The sweep's point function and its driver on the local pool: a point's bytes depend only on its task (same bytes
 * from any thread count and when the file is gone), a failing point is recorded while the others finish, resume
 * reruns only what is missing, and folders only ever appear whole.
 */
class SweepPointsTest {
    /** Two UDP sources into one 1 Gb/s port; the second one's rate is swept over 3 values, 2 repetitions. */
    private static final String UDP = String.join("\n",
            "topology: {builder: star, hosts: 3}",
            "tenants:",
            "  a: {vms: {a: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: h2}}}",
            "  b: {weight: 2, vms: {b: {host: h1, traffic: [{type: onoff, to: br, rateMbps: [100, 200, 300], "
                    + "onS: 0.05, offS: 0.05, exponential: true}]}, br: {host: h2}}}",
            "scheme: tcp",
            "durationS: 0.2",
            "warmupS: 0.05",
            "sampleIntervalS: 0.05",
            "repetitions: 2",
            "");

    @TempDir
    Path dir;

    private Path scenario() throws Exception {
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, UDP);
        return f;
    }

    @Test
    void aPointsBytesDependOnlyOnItsTask() throws Exception {
        Path f = scenario();
        // --tie-seed reaches a sweep as the setting tieSeed=N, so it travels with the tasks like any other.
        List<Sweep.Point> points = Sweep.expand(f, List.of("scheme=[tcp,seawall]", "tieSeed=7"));
        assertThat(points).hasSize(12);
        // Ids count in expansion order; repetition r has seed 1 + r; the settings travel with every task.
        for (int i = 0; i < points.size(); i++) {
            Sweep.Point p = points.get(i);
            assertThat(p.id()).isEqualTo(String.format("r%04d", i));
            assertThat(p.rep()).isEqualTo(i % 2);
            assertThat(p.scenario().seed()).isEqualTo(1 + i % 2);
            assertThat(p.task().sets()).containsExactly("scheme=[tcp,seawall]", "tieSeed=7");
            assertThat(p.task().text()).isEqualTo(UDP);
        }
        Sweep.Task t = points.get(7).task();
        Map<String, byte[]> first = Sweep.runPoint(t);
        // The file is only needed to expand the sweep: a task runs from its text alone, on any machine.
        Files.delete(f);
        Map<String, byte[]> again = Sweep.runPoint(t);
        assertThat(again.keySet()).containsExactlyElementsOf(first.keySet()).endsWith("summary.json");
        for (String name : first.keySet()) {
            assertThat(again.get(name)).as(name).isEqualTo(first.get(name));
        }
        String summary = new String(first.get("summary.json"), StandardCharsets.UTF_8);
        assertThat(summary).contains("\"scheme\" : \"seawall\"").contains("\"seed\" : 2")
                .contains("\"scenario_file\" : \"" + f + "\"").contains("\"tie_seed\" : 7")
                .contains("\"fingerprint\"").doesNotContain("wall_s");
        // A different repetition is a different seed and a different trajectory.
        assertThat(Sweep.runPoint(points.get(6).task()).get("summary.json")).isNotEqualTo(first.get("summary.json"));
    }

    @Test
    void aFailingPointIsRecordedWhileTheOthersFinishAndResumeRunsOnlyWhatIsMissing() throws Exception {
        Path f = scenario();
        List<Sweep.Point> points = Sweep.expand(f, List.of());
        Path ref = dir.resolve("ref");
        Sweep.Result all = Sweep.run(points, ref, SweepExecutor.local(1), Sweep::runPoint, null);
        assertThat(all.ran()).isEqualTo(6);
        Path out = dir.resolve("out");
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Sweep.Result r = Sweep.run(points, out, SweepExecutor.local(2), t -> {
            calls.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
            if (t.id().equals("r0004")) {
                throw new IllegalStateException("model invariant broken");
            }
            return Sweep.runPoint(t);
        }, null);
        assertThat(r.ran()).isEqualTo(6);
        assertThat(r.failed()).extracting(Sweep.Outcome::id).containsExactly("r0004");
        Sweep.Outcome bad = r.failed().get(0);
        assertThat(bad.attempts()).as("local runs are deterministic: tried once").isEqualTo(1);
        assertThat(bad.badInput()).isFalse();
        assertThat(bad.error()).isEqualTo("java.lang.IllegalStateException: model invariant broken");
        assertThat(calls.values()).allMatch(c -> c.get() == 1);
        assertThat(Files.readString(out.resolve("failed").resolve("r0004.json"))).contains("model invariant broken");
        assertThat(out.resolve("runs").resolve("r0004")).doesNotExist();
        for (String id : List.of("r0000", "r0001", "r0002", "r0003", "r0005")) {
            assertThat(Sweep.finished(out, id)).as(id).isTrue();
        }
        var base = ScenarioLoader.open(f, List.of()).scenario(Map.of());
        Sweep.writeTable(base, points, out);
        assertThat(Files.readString(out.resolve("sweep.json"))).contains("\"failed\" : [ \"r0004\" ]");
        assertThat(Files.readAllLines(out.resolve("sweep-vms.csv"))).hasSize(1 + 5 * 4);

        // What an interrupted writer leaves: a half-written temporary folder, and a folder without summary.json
        // (an older version wrote files one by one). Neither counts as finished; both are replaced.
        Files.createDirectories(out.resolve("runs").resolve(".r0004.tmp"));
        Files.writeString(out.resolve("runs").resolve(".r0004.tmp").resolve("timeseries-vms.csv"), "partial");
        Files.delete(out.resolve("runs").resolve("r0001").resolve("summary.json"));
        assertThat(Sweep.finished(out, "r0001")).isFalse();
        calls.clear();
        Sweep.Result resumed = Sweep.run(points, out, SweepExecutor.local(2), t -> {
            calls.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
            return Sweep.runPoint(t);
        }, null);
        assertThat(resumed.ran()).isEqualTo(2);
        assertThat(resumed.reused()).isEqualTo(4);
        assertThat(calls.keySet()).containsExactlyInAnyOrder("r0001", "r0004");
        assertThat(out.resolve("failed").resolve("r0004.json")).doesNotExist();
        // The emptied failed/ folder goes too: it was the only difference from a clean sweep's folder.
        assertThat(out.resolve("failed")).doesNotExist();
        assertThat(out.resolve("runs").resolve(".r0004.tmp")).doesNotExist();
        for (Sweep.Point p : points) {
            Path a = ref.resolve("runs").resolve(p.id());
            Path b = out.resolve("runs").resolve(p.id());
            try (var files = Files.list(a)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    assertThat(Files.readAllBytes(b.resolve(file.getFileName()))).as(b + "/" + file.getFileName())
                            .isEqualTo(Files.readAllBytes(file));
                }
            }
            try (var x = Files.list(a); var y = Files.list(b)) {
                assertThat(y.count()).isEqualTo(x.count());
            }
        }
    }

    @Test
    void vmTableHasOneTypedRowPerRunAndVm() throws Exception {
        Path f = scenario();
        List<Sweep.Point> points = Sweep.expand(f, List.of("repetitions=1"));
        Path out = dir.resolve("t");
        Sweep.run(points, out, SweepExecutor.local(2), Sweep::runPoint, null);
        Sweep.writeTable(ScenarioLoader.open(f, List.of("repetitions=1")).scenario(Map.of()), points, out);
        List<String> lines = Files.readAllLines(out.resolve("sweep-vms.csv"));
        assertThat(lines.get(0)).isEqualTo("run,scheme,rep,seed,tenants_b_vms_b_traffic_0_rateMbps,vm,tenant,host,"
                + "weight,goodput_bps,ideal_bps,jain_weighted,isolation_error,utilization,drops,notes");
        assertThat(lines).hasSize(1 + 3 * 4).noneMatch(l -> l.startsWith("#"));
        assertThat(lines.get(1)).startsWith("r0000,tcp,0,1,100.0,a,a,h0,1.0,");
        // VM weight is the tenant weight (2 for tenant b); a receiver sends nothing and has no ideal share.
        assertThat(lines.get(4)).startsWith("r0000,tcp,0,1,100.0,br,b,h2,2.0,0.0,0.0,");
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1);
            assertThat(c).hasSize(16);
            Long.parseLong(c[2]);
            Long.parseLong(c[3]);
            for (int i : new int[] {4, 8, 9, 10, 11, 12, 13}) {
                Double.parseDouble(c[i]);
            }
            Long.parseLong(c[14]);
            Long.parseLong(c[15]); // how many notes the run has
        }
        assertThat(Files.readString(out.resolve("sweep.json")))
                .contains("\"tenants_b_vms_b_traffic_0_rateMbps\" : \"tenants.b.vms.b.traffic[0].rateMbps\"");
        assertThat(Sweep.axisColumn("seed")).isEqualTo("axis_seed");
        assertThat(Sweep.axisColumn("schemeParams.seawall.beta")).isEqualTo("schemeParams_seawall_beta");
    }
}
