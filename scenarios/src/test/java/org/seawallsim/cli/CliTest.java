package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: exit codes, result files, determinism and sweeps. */
class CliTest {
    @TempDir
    Path dir;

    /** Two UDP sources into one 1 Gb/s port: 300 Mb/s (weight 2) and a line-rate flood (weight 1). */
    private static final String UDP = String.join("\n",
            "topology: {builder: star, hosts: 3}",
            "tenants:",
            "  a: {vms: {a: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: h2}}}",
            "  b: {weight: 2, vms: {b: {host: h1, traffic: [{type: onoff, to: br, rateMbps: 300, onS: 0.05, "
                    + "offS: 0.05, exponential: true}]}, br: {host: h2}}}",
            "scheme: tcp",
            "durationS: 0.5",
            "warmupS: 0.1",
            "sampleIntervalS: 0.05",
            "");

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    private Path scenario(String text) throws Exception {
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, text);
        return f;
    }

    private static JsonNode summaryWithoutWallTime(Path runDir) throws Exception {
        JsonNode s = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        ((ObjectNode) s.get("engine")).remove("wall_s");
        return s;
    }

    @Test
    void runWritesEveryResultFileAndMeasuresWhatTheSourcesSend() throws Exception {
        Path f = scenario(UDP);
        CliRun r = cli("run", f.toString(), "--out", dir.resolve("r").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        for (String name : new String[] {"summary.json", "timeseries-vms.csv", "timeseries-tenants.csv",
                "timeseries-links.csv", "timeseries-queues.csv"}) {
            assertThat(dir.resolve("r").resolve(name)).exists();
        }
        JsonNode s = summaryWithoutWallTime(dir.resolve("r"));
        assertThat(s.get("scheme").asText()).isEqualTo("tcp");
        // The bottleneck port to h2 carries at most its line rate in goodput (1472 of 1538 bytes per frame = 957 Mb/s);
        // 1 % slack for the boundary frame.
        double total = s.get("tenants").get(0).get("goodput_bps").asDouble()
                + s.get("tenants").get(1).get("goodput_bps").asDouble();
        assertThat(total).isBetween(0.5e9, 1e9 * 1472 / 1538 * 1.01);
        assertThat(s.get("metrics").get("utilization").asDouble()).isGreaterThan(0.95);
        assertThat(Files.readString(dir.resolve("r").resolve("timeseries-vms.csv")))
                .startsWith("# scenario: udp\n# scheme: tcp\n# seed: 1\n").contains("time_s,vm,tenant,goodput_bps,ideal_bps");
    }

    @Test
    void sameScenarioAndSeedGiveIdenticalSummaries() throws Exception {
        Path f = scenario(UDP);
        assertThat(cli("run", f.toString(), "--out", dir.resolve("x").toString(), "--quiet").code()).isZero();
        assertThat(cli("run", f.toString(), "--out", dir.resolve("y").toString(), "--quiet").code()).isZero();
        assertThat(summaryWithoutWallTime(dir.resolve("x"))).isEqualTo(summaryWithoutWallTime(dir.resolve("y")));
        assertThat(Files.readString(dir.resolve("x").resolve("timeseries-vms.csv")))
                .isEqualTo(Files.readString(dir.resolve("y").resolve("timeseries-vms.csv")));
        // A different seed changes the on/off draws and so the trajectory.
        assertThat(cli("run", f.toString(), "--seed", "2", "--out", dir.resolve("z").toString(), "--quiet").code())
                .isZero();
        assertThat(summaryWithoutWallTime(dir.resolve("z")).get("engine").get("fingerprint"))
                .isNotEqualTo(summaryWithoutWallTime(dir.resolve("x")).get("engine").get("fingerprint"));
    }

    @Test
    void sweepWithOneAndTwoJobsIsIdenticalAndResumes() throws Exception {
        Path f = scenario(UDP.replace("rateMbps: 300", "rateMbps: [100, 300]").replace("durationS: 0.5",
                "durationS: 0.3\nrepetitions: 2"));
        CliRun one = cli("sweep", f.toString(), "--jobs", "1", "--out", dir.resolve("s1").toString());
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(cli("sweep", f.toString(), "--jobs", "2", "--out", dir.resolve("s2").toString()).code()).isZero();
        String csv1 = Files.readString(dir.resolve("s1").resolve("sweep.csv"));
        assertThat(csv1).isEqualTo(Files.readString(dir.resolve("s2").resolve("sweep.csv")));
        assertThat(csv1).contains("run,scheme,rep,seed,tenants.b.vms.b.traffic[0].rateMbps,jain_weighted");
        try (Stream<String> lines = csv1.lines()) {
            assertThat(lines.filter(l -> l.startsWith("r0")).count()).isEqualTo(4);
        }
        CliRun again = cli("sweep", f.toString(), "--jobs", "2", "--out", dir.resolve("s1").toString());
        assertThat(again.out()).contains("0 run now, 4 reused");
        // A run whose summary.json was damaged since (truncated here) is run again, to the same result; before, the
        // resume ended in exit 4 naming no file.
        Path damaged = dir.resolve("s1").resolve("runs").resolve("r0002").resolve("summary.json");
        String whole = Files.readString(damaged);
        Files.writeString(damaged, whole.substring(0, whole.length() / 2));
        CliRun repaired = cli("sweep", f.toString(), "--jobs", "1", "--out", dir.resolve("s1").toString());
        assertThat(repaired.code()).as(repaired.err()).isZero();
        assertThat(repaired.out()).contains("1 run now, 3 reused");
        assertThat(Files.readString(dir.resolve("s1").resolve("sweep.csv"))).isEqualTo(csv1);
        // Another sweep into the same folder is refused before anything runs, naming what differs: an axis in
        // another order (every reused run would be relabelled), another --set, another scenario text.
        Path reordered = dir.resolve("other").resolve("udp.yaml");
        Files.createDirectories(reordered.getParent());
        Files.writeString(reordered, Files.readString(f).replace("[100, 300]", "[300, 100]"));
        for (String[] args : List.of(new String[] {"sweep", reordered.toString()},
                new String[] {"sweep", f.toString(), "--set", "durationS=0.2"})) {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--jobs", "1", "--out", dir.resolve("s1").toString()));
            CliRun other = cli(all.toArray(String[]::new));
            assertThat(other.code()).as(other.err()).isEqualTo(2);
            assertThat(other.err()).contains("holds 4 finished runs of a different sweep").contains("runs/r0000: ")
                    .contains("to start it afresh").doesNotContain("at org.");
        }
        assertThat(cli("sweep", reordered.toString(), "--jobs", "1", "--out", dir.resolve("s1").toString()).err())
                .contains("values {\"tenants.b.vms.b.traffic[0].rateMbps\":100.0} then, "
                        + "{\"tenants.b.vms.b.traffic[0].rateMbps\":300.0} now");
        assertThat(Files.readString(dir.resolve("s1").resolve("sweep.csv"))).isEqualTo(csv1);
        // A run folder without task.json (older, or copied in) is judged by its summary.json: its own runs are
        // reused, a run of the other order is refused (before, it was listed as this sweep's run with its values).
        for (String id : List.of("r0000", "r0001", "r0002", "r0003")) {
            Files.delete(dir.resolve("s1").resolve("runs").resolve(id).resolve("task.json"));
        }
        assertThat(cli("sweep", f.toString(), "--jobs", "1", "--out", dir.resolve("s1").toString()).out())
                .contains("0 run now, 4 reused");
        CliRun mixed = cli("sweep", reordered.toString(), "--jobs", "1", "--out", dir.resolve("s1").toString());
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("runs/r0000: no task.json, and its summary.json differs: parameters");
        // A scheme axis becomes the scheme column, not a second one.
        assertThat(cli("sweep", f.toString(), "--set", "scheme=[tcp,drr]", "--set", "repetitions=1", "--out",
                dir.resolve("s3").toString()).code()).isZero();
        String csv3 = Files.readString(dir.resolve("s3").resolve("sweep.csv"));
        assertThat(csv3).contains("run,scheme,rep,seed,tenants.b.vms.b.traffic[0].rateMbps,jain_weighted")
                .contains("\nr0000,tcp,0,1,100.0,").contains("\nr0001,drr,0,1,100.0,");
    }

    @Test
    void runSaysItRunsOneOfSeveralRepetitions() throws Exception {
        Path f = scenario(UDP.replace("durationS: 0.5", "durationS: 0.3\nrepetitions: 3"));
        CliRun r = cli("run", f.toString(), "--quiet", "--no-plots", "--out", dir.resolve("rep").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("asks for 3 repetitions, which 'seawall-sim sweep' runs; this runs one, with seed");
        CliRun one = cli("run", scenario(UDP).toString(), "--quiet", "--no-plots", "--out",
                dir.resolve("one").toString());
        assertThat(one.err()).doesNotContain("repetitions");
    }

    @Test
    void badInputExitsWithTwoAndNoStackTrace() throws Exception {
        Path f = scenario(UDP.replace("durationS: 0.5", "durationS: -1"));
        CliRun r = cli("run", f.toString(), "--quiet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("udp.yaml:6:12: durationS: expected a number >= 1e-12").doesNotContain("at org.");
        CliRun missing = cli("validate", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        CliRun scheme = cli("run", scenario(UDP).toString(), "--scheme", "sewall");
        assertThat(scheme.code()).isEqualTo(2);
        assertThat(scheme.err()).contains("did you mean 'seawall'?");
        // Options that used to be taken silently: a scheme twice, no scheme at all, a budget of no events.
        String u = scenario(UDP).toString();
        CliRun twice = cli("compare", u, "--schemes", "tcp,tcp", "--out", dir.resolve("t2").toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("names 'tcp' twice");
        CliRun none = cli("compare", u, "--schemes", ",", "--out", dir.resolve("t0").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("names no scheme");
        for (String budget : new String[] {"0", "-5"}) {
            CliRun b = cli("run", u, "--max-events", budget, "--out", dir.resolve("mb").toString());
            assertThat(b.code()).isEqualTo(2);
            assertThat(b.err()).contains("--max-events must be >= 1, got " + budget);
        }
    }

    @Test
    void compareWritesOneFolderPerSchemeAndATable() throws Exception {
        Path f = scenario(UDP.replace("durationS: 0.5", "durationS: 0.3"));
        CliRun one = cli("compare", f.toString(), "--schemes", "tcp,drr", "--jobs", "1", "--out",
                dir.resolve("c1").toString(), "--quiet");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(cli("compare", f.toString(), "--schemes", "tcp,drr", "--jobs", "2", "--out",
                dir.resolve("c2").toString(), "--quiet").code()).isZero();
        String csv = Files.readString(dir.resolve("c1").resolve("comparison.csv"));
        assertThat(csv).contains("scheme,jain_weighted,isolation_error,utilization,drops,notes\ntcp,").contains("\ndrr,");
        assertThat(csv).isEqualTo(Files.readString(dir.resolve("c2").resolve("comparison.csv")));
        assertThat(dir.resolve("c1").resolve("tcp").resolve("summary.json")).exists();
        assertThat(summaryWithoutWallTime(dir.resolve("c1").resolve("drr")).get("scheme").asText()).isEqualTo("drr");
    }

    @Test
    void sizedFlowsWriteFlowCompletionTimes() throws Exception {
        Path cdf = dir.resolve("sizes.cdf");
        Files.writeString(cdf, "# size probability\n10000 0.5\n200000 1.0\n");
        Path f = scenario(String.join("\n",
                "topology: {builder: star, hosts: 3, delayUs: 50}",
                "tenants:",
                "  t: {vms: {a: {host: h0, traffic: [{type: flows, to: r, arrivalsPerS: 200,",
                "      size: {distribution: cdf, cdfFile: sizes.cdf}}]}, r: {host: h2}}}",
                "scheme: tcp",
                "durationS: 1",
                "warmupS: 0.2",
                ""));
        CliRun r = cli("run", f.toString(), "--out", dir.resolve("fct").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = summaryWithoutWallTime(dir.resolve("fct"));
        // About 200/s x 0.8 s = 160 flows start after the warm-up; Poisson, so allow a wide band.
        assertThat(s.get("flows").get("count").asInt()).isBetween(100, 220);
        // An unloaded 10 kB flow takes a few RTTs (~0.2 ms each); nothing should take longer than the run.
        assertThat(s.get("flows").get("fct_p50_s").asDouble()).isBetween(1e-4, 0.05);
        assertThat(s.get("flows").get("fct_p99_s").asDouble()).isGreaterThanOrEqualTo(
                s.get("flows").get("fct_p50_s").asDouble());
        assertThat(Files.readString(dir.resolve("fct").resolve("fct.csv")))
                .contains("flow,vm,tenant,size_bytes,start_s,fct_s");
        // Offered load 200/s x 105 kB mean x 8 = 168 Mb/s; goodput over the measured interval is close to it.
        assertThat(s.get("vms").get(0).get("goodput_bps").asDouble()).isBetween(0.1e9, 0.25e9);
    }

    @Test
    void schemeParametersAreCheckedByValidate() throws Exception {
        Path f = scenario(UDP.replace("scheme: tcp", "scheme: drr\nschemeParams: {drr: {queuesPerPrt: 4}}"));
        CliRun r = cli("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("schemeParams.drr.queuesPerPrt: unknown parameter 'queuesPerPrt'",
                "did you mean 'queuesPerPort'?");
    }

    @Test
    void describeListsEveryParameterWithUnitAndDefault() {
        CliRun r = cli("describe", "topology");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("topology.rateGbps [Gbit/s]  (default: 1.0, axis)", "topology.bufferBytes [bytes]");
        assertThat(cli("describe", "nonsense").code()).isEqualTo(2);
        CliRun schemaOfTopic = cli("describe", "topology", "--json-schema");
        assertThat(schemaOfTopic.code()).isEqualTo(2);
        assertThat(schemaOfTopic.err()).contains("takes no TOPIC (got 'topology')");
        assertThat(schemaOfTopic.out()).isEmpty();
        assertThat(cli("describe", "--json-schema").out()).contains("\"$schema\"");
        // Every topic the overview and the help list works, and each works topic is listed in both (schemes was in
        // neither list; the help left out scheme, compare, schemeParams and trace).
        String overview = cli("describe").out().lines().filter(l -> l.startsWith("Topics: ")).findFirst().orElseThrow();
        String help = cli("describe", "--help").out().replaceAll("\\s+", " ");
        for (String topic : overview.substring("Topics: ".length()).split(", ")) {
            assertThat(cli("describe", topic).code()).as(topic).isZero();
            assertThat(help).as("describe --help lists " + topic).contains(topic);
        }
        assertThat(overview).contains("schemes", "trace", "schemeParams");
    }
}
