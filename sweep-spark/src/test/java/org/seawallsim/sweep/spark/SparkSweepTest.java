package org.seawallsim.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.scenario.run.Sweep;
import org.seawallsim.scenario.run.SweepExecutor;

/**
 * A sweep on a real embedded Spark (local[2], three attempts per task) against the same sweep on the local pool: the
 * same files byte for byte, Spark's retries, a point that keeps failing, resume, and the VM table read by Spark SQL.
 * One Spark session serves every test (starting one takes seconds).
 */
class SparkSweepTest {
    /** A UDP flood and an on/off source sharing the 1 Gb/s port to h2; the on/off rate is swept, 2 repetitions. */
    static final String UDP = String.join("\n",
            "topology: {builder: star, hosts: 3}",
            "tenants:",
            "  a: {vms: {a: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: h2}}}",
            "  b: {weight: 2, vms: {b: {host: h1, traffic: [{type: onoff, to: br, rateMbps: [100, 300], onS: 0.05, "
                    + "offS: 0.05, exponential: true}]}, br: {host: h2}}}",
            "scheme: tcp",
            "durationS: 0.3",
            "warmupS: 0.1",
            "sampleIntervalS: 0.05",
            "repetitions: 2",
            "");

    static SparkSession spark;
    static JavaSparkContext jsc;
    /** Calls of the point function per run id; local mode runs tasks in this JVM, so the test can count them. */
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2,3]").appName("SparkSweepTest")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private Path scenario() throws Exception {
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, UDP);
        return f;
    }

    /** r0001 fails on its first attempt only, r0002 on every attempt; every call is counted. */
    static Map<String, byte[]> flaky(Sweep.Task t) throws Exception {
        CALLS.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
        if (t.id().equals("r0001") && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected: first attempt of r0001");
        }
        if (t.id().equals("r0002")) {
            throw new IllegalStateException("injected: r0002 always fails");
        }
        return Sweep.runPoint(t);
    }

    @Test
    void sparkGivesTheLocalSweepsBytesRetriesRecordsAFailureAndResumes() throws Exception {
        Path f = scenario();
        // The scheme axis comes from a --set, so the settings travel in the task too: 2 schemes x 2 rates x 2 reps.
        List<String> sets = List.of("scheme=[tcp,seawall]");
        List<Sweep.Point> points = Sweep.expand(f, sets);
        assertThat(points).hasSize(8);
        var base = ScenarioLoader.open(f, sets).scenario(Map.of());

        Path local = dir.resolve("local");
        Sweep.Result lr = Sweep.run(points, local, SweepExecutor.local(2), Sweep::runPoint, null);
        assertThat(lr.failed()).isEmpty();
        Sweep.writeTable(base, points, local);

        Path sp = dir.resolve("spark");
        // A point finished by an earlier, interrupted sweep: resume must keep it and not run it again.
        Files.createDirectories(sp.resolve("runs"));
        copyTree(local.resolve("runs").resolve("r0003"), sp.resolve("runs").resolve("r0003"));
        CALLS.clear();
        SparkSweepExecutor ex = new SparkSweepExecutor(jsc);
        Sweep.Result r1 = Sweep.run(points, sp, ex, SparkSweepTest::flaky, null);
        assertThat(r1.ran()).isEqualTo(7);
        assertThat(r1.reused()).isEqualTo(1);
        assertThat(CALLS).doesNotContainKey("r0003");
        assertThat(CALLS.get("r0001").get()).as("retried once by Spark").isEqualTo(2);
        assertThat(CALLS.get("r0002").get()).as("local[2,3]: three attempts").isEqualTo(3);
        for (String id : List.of("r0000", "r0004", "r0005", "r0006", "r0007")) {
            assertThat(CALLS.get(id).get()).as(id).isEqualTo(1);
        }
        assertThat(r1.failed()).extracting(Sweep.Outcome::id).containsExactly("r0002");
        assertThat(r1.failed().get(0).attempts()).isEqualTo(3);
        assertThat(r1.failed().get(0).error()).contains("injected: r0002 always fails");
        JsonNode failure = ResultsWriter.JSON.readTree(sp.resolve("failed").resolve("r0002.json").toFile());
        assertThat(failure.get("attempts").asInt()).isEqualTo(3);
        assertThat(failure.get("trace").asText()).contains("IllegalStateException");
        assertThat(sp.resolve("runs").resolve("r0002")).doesNotExist();
        // The other seven finished, the retried one included, each identical to its local twin.
        for (Sweep.Point p : points) {
            if (!p.id().equals("r0002")) {
                assertSameFiles(local.resolve("runs").resolve(p.id()), sp.resolve("runs").resolve(p.id()));
            }
        }

        // Resume: only the failed point runs, and then the whole folder is the local one, byte for byte.
        CALLS.clear();
        Sweep.Result r2 = Sweep.run(points, sp, ex, t -> {
            CALLS.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
            return Sweep.runPoint(t);
        }, null);
        assertThat(r2.ran()).isEqualTo(1);
        assertThat(r2.failed()).isEmpty();
        assertThat(CALLS.keySet()).containsExactly("r0002");
        assertThat(sp.resolve("failed").resolve("r0002.json")).doesNotExist();
        Sweep.writeTable(base, points, sp);
        assertSameFiles(local, sp);
    }

    @Test
    void vmTableIsReadBySparkSqlAsTypedColumnsThatAgreeWithTheSummaries() throws Exception {
        Path f = scenario();
        List<Sweep.Point> points = Sweep.expand(f, List.of("repetitions=1"));
        Path out = dir.resolve("s");
        Sweep.run(points, out, new SparkSweepExecutor(jsc), Sweep::runPoint, null);
        Sweep.writeTable(ScenarioLoader.open(f, List.of("repetitions=1")).scenario(Map.of()), points, out);

        Dataset<Row> t = spark.read().option("header", true).option("inferSchema", true)
                .csv(out.resolve("sweep-vms.csv").toString());
        Map<String, DataType> types = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (StructField sf : t.schema().fields()) {
            types.put(sf.name(), sf.dataType());
            names.add(sf.name());
        }
        assertThat(names).containsExactly("run", "scheme", "rep", "seed", "tenants_b_vms_b_traffic_0_rateMbps", "vm",
                "tenant", "host", "weight", "goodput_bps", "ideal_bps", "jain_weighted", "isolation_error",
                "utilization", "drops", "notes");
        for (String s : List.of("run", "scheme", "vm", "tenant", "host")) {
            assertThat(types.get(s)).as(s).isEqualTo(DataTypes.StringType);
        }
        for (String s : List.of("rep", "seed", "drops", "notes")) {
            assertThat(types.get(s)).as(s).isEqualTo(DataTypes.IntegerType);
        }
        for (String s : List.of("tenants_b_vms_b_traffic_0_rateMbps", "weight", "goodput_bps", "ideal_bps",
                "jain_weighted", "isolation_error", "utilization")) {
            assertThat(types.get(s)).as(s).isEqualTo(DataTypes.DoubleType);
        }
        // One row per run and VM (4 VMs, receivers included, in file order), each with the values of its run's
        // summary.json: parsed back from the same shortest round-trip decimal text, so exactly equal.
        List<Row> rows = t.collectAsList();
        assertThat(rows).hasSize(points.size() * 4);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Sweep.Point p = points.get(i / 4);
            JsonNode s = ResultsWriter.JSON.readTree(out.resolve("runs").resolve(p.id()).resolve("summary.json")
                    .toFile());
            JsonNode vm = s.get("vms").get(i % 4);
            assertThat(r.getString(0)).isEqualTo(p.id());
            assertThat(r.getInt(3)).isEqualTo(s.get("seed").asInt());
            assertThat(r.getDouble(4)).isEqualTo(((Number) p.values().get("tenants.b.vms.b.traffic[0].rateMbps"))
                    .doubleValue());
            assertThat(r.getString(5)).isEqualTo(vm.get("name").asText());
            assertThat(r.getDouble(9)).isEqualTo(vm.get("goodput_bps").asDouble());
            assertThat(r.getDouble(10)).isEqualTo(vm.get("ideal_bps").asDouble());
            assertThat(r.getDouble(11)).isEqualTo(s.get("metrics").get("jain_weighted").asDouble());
            assertThat(r.getInt(14)).isEqualTo(s.get("metrics").get("drops").asInt());
            assertThat(r.getInt(15)).isEqualTo(s.path("notes").size());
        }
    }

    static void assertSameFiles(Path expected, Path actual) {
        Map<String, byte[]> e = Trees.files(expected);
        Map<String, byte[]> a = Trees.files(actual);
        assertThat(a.keySet()).as(actual.toString()).isEqualTo(e.keySet());
        for (String name : e.keySet()) {
            assertThat(a.get(name)).as(name).isEqualTo(e.get(name));
        }
    }

    static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (Map.Entry<String, byte[]> f : Trees.files(from).entrySet()) {
            Files.write(to.resolve(f.getKey()), f.getValue());
        }
    }
}
