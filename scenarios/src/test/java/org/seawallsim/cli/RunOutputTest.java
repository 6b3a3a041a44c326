package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What run and compare print: for people (files, verdicts, report) and, with --json, for scripts. */
class RunOutputTest {
    /** A second JSON value, or any text, after the document fails the parse: stdout holds the document alone. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    /** R9's file under DRR, shortened: both expectations (heavy share 0.7-0.8, utilization >= 0.95) hold. */
    private static final String[] SHORT = {"--set", "durationS=0.3", "--set", "warmupS=0.1", "--set",
        "sampleIntervalS=0.05", "--quiet"};

    private static String[] args(String... head) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(SHORT));
        return all.toArray(new String[0]);
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void runPrintsItsFilesOneVerdictPerExpectationAndTheReport() throws Exception {
        Path out = dir.resolve("r");
        CliRun r = CliRun.of(args("run", "library/weighted-floods.yaml", "--scheme", "drr", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out(), "expect:")).hasSize(2).allMatch(l -> l.startsWith("expect: ok"))
                .anyMatch(l -> l.contains("tenant heavy share")).anyMatch(l -> l.contains("utilization"));
        String files = lines(r.out(), "files:").get(0);
        for (String f : CliSupport.files(out)) {
            assertThat(files).contains(f);
        }
        assertThat(files).contains("summary.json", "timeseries-vms.csv", "goodput-vms.png", "report.html");
        assertThat(lines(r.out(), "report:")).containsExactly("report: " + out.resolve("report.html")
                + " (open in a browser)");
        CliRun noPlots = CliRun.of(args("run", "library/weighted-floods.yaml", "--scheme", "drr", "--out",
                dir.resolve("np").toString(), "--no-plots"));
        assertThat(lines(noPlots.out(), "report:")).as("no report, no pointer").isEmpty();
        // Into the folder that has a report, without plots: that report shows the previous results.
        Files.setLastModifiedTime(out.resolve("report.html"), java.nio.file.attribute.FileTime.fromMillis(0));
        CliRun stale = CliRun.of(args("run", "library/weighted-floods.yaml", "--scheme", "drr", "--out",
                out.toString(), "--no-plots"));
        assertThat(lines(stale.out(), "report:")).as("an old report is not pointed at").isEmpty();
        // run replaces its folder as a whole (written beside it, then renamed): the old report goes with it.
        assertThat(lines(stale.out(), "files:").get(0)).doesNotContain("report.html");
    }

    /**
     * compromised.yaml: the attacker a is accused and filtered (summary.json's accusations), so it shows 0 Mb/s
     * against an ideal of 478.5 and jain_weighted 0.5; the printout said nothing of the filter and read as a failure.
     */
    @Test
    void runPrintsSeawallsAccusationsAndWhyTheIdealStillCountsAFilteredVm() throws Exception {
        Path out = dir.resolve("c");
        CliRun r = CliRun.of("run", "library/compromised.yaml", "--set", "durationS=0.4", "--set", "warmupS=0.2",
                "--quiet", "--no-plots", "--no-expect", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode acc = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("accusations");
        assertThat(acc).as("the run's own record").hasSize(1);
        JsonNode a = acc.get(0);
        assertThat(lines(r.out(), "accused:")).containsExactly("accused: VM a on h0 by " + a.get("accuser_host")
                .asText() + " (EXCEEDS_SHARE) at " + a.get("reported_s").asText() + " s; filtered from "
                + a.get("installed_s").asText() + " s (h0 -> " + a.get("accuser_host").asText() + " dropped)");
        assertThat(lines(r.out(), "note:")).anyMatch(l -> l.contains("The ideal shares do not exclude a filtered VM"));
        // Right under the metrics the filter explains.
        assertThat(r.out().indexOf("accused:")).isGreaterThan(r.out().indexOf("jain_weighted"));
        // Without accusations (another scheme) there is no such line.
        CliRun tcp = CliRun.of("run", "library/compromised.yaml", "--scheme", "tcp", "--set", "durationS=0.2",
                "--set", "warmupS=0.1", "--quiet", "--no-plots", "--no-expect", "--out", dir.resolve("t").toString());
        assertThat(tcp.code()).as(tcp.err()).isZero();
        assertThat(lines(tcp.out(), "accused:")).isEmpty();
        assertThat(tcp.out()).doesNotContain("filtered VM");
    }

    /** The header printed 1.25 s as "1.3 s simulated" and 0.04 s as "0.0 s simulated". */
    @Test
    void theHeaderPrintsTheSimulatedDurationAsGiven() throws Exception {
        for (String[] d : new String[][] {{"0.25", "0.1"}, {"0.04", "0.02"}, {"0.3", "0.1"}}) {
            CliRun r = CliRun.of("run", "library/weighted-floods.yaml", "--scheme", "drr", "--set", "durationS=" + d[0],
                    "--set", "warmupS=" + d[1], "--set", "sampleIntervalS=0.01", "--quiet", "--no-plots",
                    "--no-expect", "--out", dir.resolve("d" + d[0]).toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines().findFirst().orElseThrow())
                    .startsWith("weighted-floods under drr (seed 1): " + d[0] + " s simulated, ");
        }
    }

    @Test
    void runJsonIsTheSummaryWithVerdictsAndNothingElseOnStdout() throws Exception {
        Path out = dir.resolve("j");
        CliRun r = CliRun.of(args("run", "library/weighted-floods.yaml", "--scheme", "drr", "--out", out.toString(),
                "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = STRICT.readTree(r.out());
        JsonNode onDisk = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        // Every field of summary.json, unchanged, comes first.
        onDisk.fieldNames().forEachRemaining(f -> assertThat(j.get(f)).as(f).isEqualTo(onDisk.get(f)));
        assertThat(j.get("scenario").asText()).isEqualTo("weighted-floods");
        assertThat(j.get("scheme").asText()).isEqualTo("drr");
        assertThat(j.get("seed").asLong()).isEqualTo(1);
        assertThat(j.get("version").asText()).isNotEmpty();
        assertThat(j.get("vms")).hasSize(4);
        double heavy = 0;
        double all = 0;
        for (JsonNode vm : j.get("vms")) {
            all += vm.get("goodput_bps").asDouble();
            heavy += vm.get("tenant").asText().equals("heavy") ? vm.get("goodput_bps").asDouble() : 0;
        }
        JsonNode verdicts = j.get("expectations");
        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(0).get("what").asText()).isEqualTo("tenant heavy share");
        assertThat(verdicts.get(0).get("value").asDouble()).isCloseTo(heavy / all, org.assertj.core.api.Assertions
                .within(1e-12));
        assertThat(verdicts.get(0).get("ok").asBoolean()).isTrue();
        assertThat(verdicts.get(1).get("low").asDouble()).isEqualTo(0.95);
        assertThat(j.get("report").asText()).isEqualTo(out.resolve("report.html").toString());
        assertThat(j.get("files")).extracting(JsonNode::asText).contains("summary.json", "report.html");
        // The people's text went to stderr.
        assertThat(lines(r.err(), "expect:")).hasSize(2);
        assertThat(r.err()).contains("report: " + out.resolve("report.html"));
    }

    @Test
    void compareJsonHoldsEveryRunAndTheComparison() throws Exception {
        Path out = dir.resolve("c");
        CliRun r = CliRun.of(args("compare", "library/weighted-floods.yaml", "--schemes", "tcp,drr", "--out",
                out.toString(), "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = STRICT.readTree(r.out());
        assertThat(j.get("scenario").asText()).isEqualTo("weighted-floods");
        assertThat(j.get("seed").asLong()).isEqualTo(1);
        assertThat(j.get("version").asText()).isNotEmpty();
        assertThat(j.get("schemes")).extracting(JsonNode::asText).containsExactly("tcp", "drr");
        assertThat(j.get("runs")).hasSize(2);
        assertThat(j.get("runs").get(0).get("scheme").asText()).isEqualTo("tcp");
        assertThat(j.get("runs").get(0).get("expectations")).as("the file expects nothing of tcp").isEmpty();
        assertThat(j.get("runs").get(1).get("expectations")).hasSize(2);
        assertThat(j.get("runs").get(1).get("vms")).hasSize(4);
        assertThat(Path.of(j.get("comparison_csv").asText())).isRegularFile();
        assertThat(Path.of(j.get("report").asText())).isEqualTo(out.resolve("report.html")).isRegularFile();
        assertThat(lines(r.err(), "expect:")).hasSize(2);
        assertThat(lines(r.err(), "report:")).hasSize(3);

        CliRun text = CliRun.of(args("compare", "library/weighted-floods.yaml", "--schemes", "tcp,drr", "--out",
                dir.resolve("t").toString()));
        assertThat(lines(text.out(), "report:")).containsExactly(
                "report: " + dir.resolve("t/tcp/report.html") + " (open in a browser)",
                "report: " + dir.resolve("t/drr/report.html") + " (open in a browser)",
                "report: " + dir.resolve("t/report.html") + " (open in a browser)");
        assertThat(Files.readString(dir.resolve("t/comparison.csv")))
                .isEqualTo(Files.readString(out.resolve("comparison.csv")));
    }

    @Test
    void sweepPointsAtItsReportAsRunAndCompareDo() throws Exception {
        Path out = dir.resolve("s");
        CliRun r = CliRun.of(args("sweep", "library/weighted-floods.yaml", "--set", "scheme=drr", "--jobs", "1",
                "--set", "seed=[1,2]", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out(), "report:")).containsExactly("report: " + out.resolve("report.html")
                + " (open in a browser)");
        CliRun noPlots = CliRun.of(args("sweep", "library/weighted-floods.yaml", "--set", "scheme=drr", "--jobs", "1",
                "--set", "seed=[1,2]", "--out", dir.resolve("np").toString(), "--no-plots"));
        assertThat(lines(noPlots.out(), "report:")).as("no report, no pointer").isEmpty();
    }
}
