package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a comparison's folder says beyond the metrics: each run's notes reach the comparison's report.html and
 * comparison.csv (they were in the scheme's own report alone), every expectation's outcome is in summary.json and
 * the reports (a failed one, exit 3, was on stdout alone), and a compromise under a scheme without Seawall is noted
 * as having no effect.
 */
class CompareRecordsNotesAndExpectationsTest {
    @TempDir
    Path dir;

    /**
     * A UDP flood at twice the link against one TCP flow into one receiver host: plain TCP is locked out (the
     * locked-out note), DRR gives the victim half the link, so the drr expectation of 0.9-1.0 fails and the tcp one
     * of 0-0.1 holds. The compromise of h0 touches neither scheme.
     */
    private static final String SCENARIO = String.join("\n",
            "topology: {builder: star, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}",
            "tenants:",
            "  attacker: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}}}",
            "  victim: {vms: {v: {host: h1, traffic: [{type: bulk, to: vr, flows: 1}]}, vr: {host: h2}}}",
            "timeline:",
            "  - {atS: 0.05, action: compromise, host: h0}",
            "durationS: 0.4",
            "warmupS: 0.1",
            "sampleIntervalS: 0.1",
            "seed: 1",
            "expect:",
            "  - {scheme: drr, vm: v, share: [0.9, 1.0], note: cannot hold}",
            "  - {scheme: tcp, vm: v, share: [0.0, 0.1]}",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** As report.html escapes text (SweepRecordsNotesAndExpectationsTest reads its reports the same way). */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A summary.json's notes, or a sweep.json run's. */
    static List<String> notes(JsonNode summary) {
        List<String> out = new ArrayList<>();
        summary.path("notes").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Path out;
    private static Path file;
    private static CliRun compare;
    private static JsonNode tcp;
    private static JsonNode drr;

    /** One comparison for the checks below (about 5 s on a loaded core). */
    @BeforeAll
    static void compareOnce(@TempDir Path tmp) throws Exception {
        file = tmp.resolve("cmp.yaml");
        Files.writeString(file, SCENARIO);
        out = tmp.resolve("c");
        compare = CliRun.of("compare", file.toString(), "--schemes", "tcp,drr", "--quiet", "--jobs", "1", "--out",
                out.toString());
        tcp = JSON.readTree(out.resolve("tcp/summary.json").toFile());
        drr = JSON.readTree(out.resolve("drr/summary.json").toFile());
    }

    @Test
    void theComparisonReportAndCsvCarryEveryRunsNotes() throws Exception {
        assertThat(compare.code()).as(compare.err()).isEqualTo(3);
        assertThat(notes(tcp)).anySatisfy(n -> assertThat(n).startsWith("VM v ").contains("locked out"));
        // comparison.csv: the columns as before, then the count of each run's notes.
        List<String> csv = Files.readAllLines(out.resolve("comparison.csv")).stream().filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(csv.get(0)).isEqualTo("scheme,jain_weighted,isolation_error,utilization,drops,notes");
        assertThat(csv.get(1)).startsWith("tcp,").endsWith("," + notes(tcp).size());
        assertThat(csv.get(2)).startsWith("drr,").endsWith("," + notes(drr).size());
        // The comparison report shows every note of every run, in the words of the run's own report.
        String report = Files.readString(out.resolve("report.html"));
        for (JsonNode s : List.of(tcp, drr)) {
            String scheme = s.get("scheme").asText();
            if (!notes(s).isEmpty()) {
                assertThat(report).contains("Notes under " + scheme);
            }
            for (String n : notes(s)) {
                assertThat(report).contains(esc(n));
                assertThat(Files.readString(out.resolve(scheme).resolve("report.html"))).contains(esc(n));
            }
        }
    }

    @Test
    void everyExpectationOutcomeIsInSummaryJsonAndTheReports() throws Exception {
        assertThat(compare.code()).as(compare.err()).isEqualTo(3);
        // summary.json: each expectation for the scheme with its value (v's share of all goodput), range, verdict.
        JsonNode e = drr.get("expectations");
        assertThat(e).hasSize(1);
        assertThat(e.get(0).get("what").asText()).isEqualTo("vm v share");
        assertThat(e.get(0).get("value").asDouble()).isCloseTo(share(drr, "v"), within(1e-12));
        assertThat(e.get(0).get("low").asDouble()).isEqualTo(0.9);
        assertThat(e.get(0).get("high").asDouble()).isEqualTo(1.0);
        assertThat(e.get(0).get("ok").asBoolean()).isFalse();
        // DRR splits the link in two: v's share is about a half (UDP and TCP payload alike count as goodput).
        assertThat(e.get(0).get("value").asDouble()).isBetween(0.45, 0.55);
        assertThat(tcp.get("expectations")).hasSize(1);
        assertThat(tcp.get("expectations").get(0).get("ok").asBoolean()).isTrue();
        assertThat(tcp.get("expectations").get(0).get("value").asDouble()).isCloseTo(share(tcp, "v"), within(1e-12));

        // The run's own report and the comparison's give the verdicts.
        String drrReport = Files.readString(out.resolve("drr/report.html"));
        assertThat(drrReport).contains("Expectations (expect:)", "vm v share", "FAIL").doesNotContain("PASS");
        assertThat(Files.readString(out.resolve("tcp/report.html"))).contains("PASS").doesNotContain("FAIL");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Expectations (expect:) under tcp",
                "Expectations (expect:) under drr", "PASS", "FAIL");

        // No time stamp or measurement in them: the same comparison gives the same verdicts and comparison.csv.
        Path again = out.resolveSibling("c2");
        assertThat(CliRun.of("compare", file.toString(), "--schemes", "tcp,drr", "--quiet", "--no-plots", "--jobs",
                "1", "--out", again.toString()).code()).isEqualTo(3);
        assertThat(Files.readString(again.resolve("comparison.csv")))
                .isEqualTo(Files.readString(out.resolve("comparison.csv")));
        assertThat(JSON.readTree(again.resolve("drr/summary.json").toFile()).get("expectations")).isEqualTo(e);
    }

    @Test
    void aCompromiseUnderASchemeWithoutSeawallIsNotedAsWithoutEffect() {
        for (JsonNode s : List.of(tcp, drr)) {
            String scheme = s.get("scheme").asText();
            assertThat(notes(s)).anySatisfy(n -> assertThat(n).startsWith("the timeline's compromise of h0 at 0.05 s "
                    + "has no effect under " + scheme + ":").contains("only Seawall's hypervisor is modelled"));
        }
    }

    private static double share(JsonNode summary, String vm) {
        double all = 0;
        double mine = 0;
        for (JsonNode v : summary.get("vms")) {
            all += v.get("goodput_bps").asDouble();
            mine += v.get("name").asText().equals(vm) ? v.get("goodput_bps").asDouble() : 0;
        }
        return mine / all;
    }

    @Test
    void seawallHasNoCompromiseNoteAndAFileWithoutExpectationsRecordsNone() throws Exception {
        Path f = dir.resolve("sw.yaml");
        Files.writeString(f, SCENARIO.substring(0, SCENARIO.indexOf("expect:")));
        Path out = dir.resolve("r");
        CliRun r = CliRun.of("run", f.toString(), "--scheme", "seawall", "--quiet", "--no-plots", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(notes(s)).noneMatch(n -> n.contains("compromise"));
        assertThat(s.has("expectations")).isFalse();
    }
}
