package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.scenario.run.Schemes;
import org.seawallsim.seawall.sim.SeawallParams;
import org.seawallsim.seawall.sim.SeawallScheme;

/**
 * {@code validate} reports every problem of a file at once, each with its file, line, column and field, in the
 * file's own names and units; and a file it passes starts under run and compare (the parameters of every scheme the
 * file gives, the tenants a rate limiter names, the links a trace names, the marking ECN traffic needs).
 */
class ValidateFindsEverythingTest {
    @TempDir
    Path dir;

    private static final String BASE = String.join("\n",
            "topology: {builder: dumbbell, hosts: 2, ecnThresholdBytes: 60000}",
            "tenants:",
            "  a: {vms: {a0: {host: h0, traffic: [{type: bulk, to: ar}]}, ar: {host: h2}}}",
            "  b: {vms: {b0: {host: h1, traffic: [{type: udp, to: br, rateMbps: 300}]}, br: {host: h3}}}",
            "scheme: tcp",
            "durationS: 0.3",
            "warmupS: 0.1",
            "");

    /** Internal names and units of the model's records, which the file's user never writes. */
    private static final Pattern INTERNAL = Pattern.compile(
            "\\b\\w+(Ps|Bps)\\b|congestedIntervals|intervalsPerCut|invalid \\w+ config|rateBpsByTenant");

    private Path file(String text) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void schemeParameterProblemsComeWithTheFilesOtherProblemsAllAtOnce() throws Exception {
        Path f = file(BASE.replace("durationS: 0.3", "durationS: 0.05")
                .replace("type: bulk, to: ar", "type: bulk, to: ar, variant: reno")
                + "schemeParams:\n  seawall:\n    beta: 2\n    alphaMbps: -1\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("4 problems", f + ":7:10: warmupS", f + ":3:", "variant",
                f + ":10:11: schemeParams.seawall.beta: expected a fraction in (0, 1), got '2'",
                f + ":11:16: schemeParams.seawall.alphaMbps: expected a rate > 0 Mbit/s, got '-1'");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void theBlocksOfComparedAndUnchosenSchemesAreCheckedAndCompareRunsNothing() throws Exception {
        Path f = file(BASE + "compare: [tcp, seawall]\nschemeParams:\n  seawall: {beta: 3}\n"
                + "  drr: {queuesPerPort: 0}\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2 problems", "schemeParams.seawall.beta", "schemeParams.drr.queuesPerPort: "
                + "expected an integer in [1, 1024], got '0'");
        Path out = dir.resolve("out");
        CliRun c = CliRun.of("compare", f.toString(), "--out", out.toString(), "--quiet");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("schemeParams.seawall.beta");
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource({
        "drr, queuesPerPort, 0", "drr, queuesPerPort, 2000", "drr, baseQuantumBytes, 10",
        "qcn, qeqBytes, 0", "qcn, w, 65", "qcn, sampleBaseBytes, 100", "qcn, jitterFraction, 1",
        "qcn, gdLog2, 0", "qcn, gdLog2, 31", "qcn, maxDecrease, 1", "qcn, byteCounterBytes, 10", "qcn, timerMs, 0",
        "qcn, fastRecoveryCycles, 0", "qcn, aiRateMbps, 0", "qcn, haiRateMbps, 0", "qcn, minRateMbps, 1e-9",
        "ratelimit, burstBytes, 100", "ratelimit, burstTimeUs, 0",
        "seawall, intervalUs, 0", "seawall, intervalUs, 1e9", "seawall, alphaMbps, 0", "seawall, beta, 1",
        "seawall, cubicScaleBpsPerS3, 0", "seawall, holdoffIntervals, 2000", "seawall, queueBytesPerTunnel, 10",
        "seawall, pacingJitterUs, 5000", "seawall, reorderTolerance, 100", "seawall, sparseReportIntervals, 9",
        "seawall, detectionIntervals, 1", "seawall, detectionIntervalsPerCut, 500",
        "seawall, detectionCongestionMemoryIntervals, 0", "seawall, filterDelayMs, 1e12",
    })
    void aBadValueIsNamedByItsKeyLineAndWhatIsAllowedInTheFilesUnits(String scheme, String key, String value)
            throws Exception {
        Path f = file(BASE.replace("scheme: tcp", "scheme: " + scheme) + "schemeParams:\n  " + scheme + ":\n    "
                + key + ": " + value + "\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("1 problem", f + ":10:", ": schemeParams." + scheme + "." + key + ": expected ",
                "got '" + value + "'");
        assertThat(INTERNAL.matcher(r.err()).find()).as(r.err()).isFalse();
    }

    @Test
    void aRateForATenantTheScenarioLacksIsRefusedWhereItIsWritten() throws Exception {
        Path f = file(BASE.replace("scheme: tcp", "scheme: ratelimit")
                + "schemeParams:\n  ratelimit:\n    rateMbps: {a: 200, zzz: 100}\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":10:", "schemeParams.ratelimit.rateMbps.zzz: no tenant 'zzz' with VMs",
                "(tenants: a, b)");
        assertThat(r.err()).doesNotContain("rateMbps.a:");
        Path ok = file(BASE.replace("scheme: tcp", "scheme: ratelimit") + "schemeParams:\n  ratelimit:\n"
                + "    rateMbps: {a: 200}\n");
        assertThat(CliRun.of("validate", ok.toString()).code()).isZero();
    }

    @Test
    void aTraceOfALinkTheTopologyLacksFailsValidateAsItWouldFailRun() throws Exception {
        Path f = file(BASE + "trace: {links: [h0, nosuch]}\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":", "trace.links: unknown link 'nosuch'", "Valid names");
        assertThat(CliRun.of("validate", f.toString(), "--set", "trace.links=[h0, h1]").code()).isZero();
        // In a sweep over the topology each distinct topology is built and checked.
        Path sweep = file(BASE.replace("hosts: 2,", "hosts: [2, 3],") + "trace: {links: [h5]}\n");
        CliRun s = CliRun.of("validate", sweep.toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("unknown link 'h5'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"variant: dctcp", "ecn: true", "variant: cubic, ecn: true"})
    void ecnTrafficNeedsMarkingSwitches(String options) throws Exception {
        String text = BASE.replace("type: bulk, to: ar", "type: bulk, to: ar, " + options);
        Path marking = file(text);
        assertThat(CliRun.of("validate", marking.toString()).code()).isZero();
        Path plain = file(text.replace(", ecnThresholdBytes: 60000", ""));
        CliRun r = CliRun.of("validate", plain.toString());
        assertThat(r.code()).isEqualTo(2);
        String key = options.contains("dctcp") ? "variant" : "ecn";
        assertThat(r.err()).contains(plain + ":3:", "tenants.a.vms.a0.traffic[0]." + key + ": ",
                "needs switches that mark ECN: set topology.ecnThresholdBytes");
    }

    @Test
    void aTenGigabitHostMayStartItsTunnelsAboveOneGigabit() throws Exception {
        Path f = file(BASE.replace("hosts: 2,", "hosts: 2, rateGbps: 10,").replace("scheme: tcp", "scheme: seawall")
                + "schemeParams:\n  seawall: {initialRateMbps: 5000}\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        SeawallParams p = ((SeawallScheme) Schemes.create("seawall", Map.of("initialRateMbps", "5000"))).params();
        assertThat(p.controller().initialRateBps()).isEqualTo(5_000_000_000L);
    }

    /**
     * Above the NIC rate the run failed ("initialRateBps must be 0 (= max) or in [minRateBps, maxRateBps] = [1000000,
     * 1000000000], got 2000000000"), compare stopped and sweep said IllegalArgumentException; validate passed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2000", "1000.5", "1e12"})
    void aTunnelMayNotStartAboveItsNicRateInAnyCommand(String mbps) throws Exception {
        Path f = file(BASE.replace("scheme: tcp", "scheme: seawall")
                + "schemeParams:\n  seawall: {initialRateMbps: " + mbps + "}\n");
        String at = f + ":9:30: schemeParams.seawall.initialRateMbps: ";
        String allowed = "0 (the NIC rate) or at most 1000 Mbit/s (topology.rateGbps: 1), got " + mbps;
        CliRun v = CliRun.of("validate", f.toString());
        assertThat(v.code()).as(v.err()).isEqualTo(2);
        assertThat(v.err()).contains(at, allowed);
        for (String command : new String[] {"run", "compare", "sweep"}) {
            CliRun r = CliRun.of(command, f.toString(), "--out", dir.resolve(command).toString(), "--quiet",
                    "--no-plots");
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(command).contains(at, allowed).doesNotContain("Exception", "Bps");
        }
        // At the NIC rate it runs.
        assertThat(CliRun.of("validate", f.toString(), "--set", "schemeParams.seawall.initialRateMbps=1000").code())
                .isZero();
    }

    /**
     * A bad trace link and an unknown timeline VM: validate showed only the timeline ("1 problem"), and the link
     * only once everything else was valid, in another format ("error: FILE:9:16: ..." without a count).
     */
    @Test
    void aBadTraceLinkIsReportedWithTheFilesOtherProblems() throws Exception {
        Path f = file(BASE + "trace: {links: [nolink]}\ntimeline:\n  - {atS: 0.2, action: stop, vm: zz}\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + ": 2 problems", f + ":8:16: trace.links: unknown link 'nolink'",
                "Valid names", f + ":10:34: timeline[0].vm: unknown VM 'zz'");
        // Alone it has the same form.
        CliRun alone = CliRun.of("validate", f.toString(), "--set", "timeline=[]");
        assertThat(alone.err()).contains(f + ": 1 problem", f + ":8:16: trace.links: unknown link 'nolink'");
    }

    /**
     * A bad trace link beside a bad snapBytes, or beside a trace that starts after the run: validate reported
     * "1 problem" (snapBytes) and "2 problems" (the timing) and named the link only once they were fixed. Those fields
     * do not change link names, so all come at once (a bad topology still holds the link back: its links are not
     * the ones the file will have).
     */
    @Test
    void aBadTraceLinkIsReportedBesideTheTracesOtherProblems() throws Exception {
        CliRun r = CliRun.of("validate", file(BASE + "trace: {links: [nolink], snapBytes: 10}\n").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(": 2 problems", ":8:16: trace.links: unknown link 'nolink'",
                ":8:37: trace.snapBytes: expected an integer in [54, 65535], got 10");
        r = CliRun.of("validate", file(BASE + "trace: {links: [nolink], startS: 1, stopS: 0.5}\n").toString());
        assertThat(r.err()).contains(": 3 problems", "trace.links: unknown link 'nolink'", "trace.startS",
                "trace.stopS");
    }

    /**
     * The sampling interval against a sweep point's measured interval: warmupS=[0.1, 0.28] (0.3 s runs, 0.05 s
     * samples) was reported at the file's sampleIntervalS line, whose own window (0.2 s) is wide enough, and did not
     * say which point failed. It names the point now, as the warm-up check does.
     */
    @Test
    void aSamplingIntervalTooLongForASweepPointNamesThePoint() throws Exception {
        Path f = file(BASE + "sampleIntervalS: 0.05\n");
        CliRun r = CliRun.of("validate", f.toString(), "--set", "warmupS=[0.1,0.28]");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("1 problem", "sweep point warmupS=0.28: sampleIntervalS: the sampling interval "
                + "(0.05 s) must not exceed the measured interval durationS - warmupS (0.02 s)")
                .doesNotContain(f + ":8:");
        r = CliRun.of("validate", f.toString(), "--set", "durationS=[0.3,0.12]");
        assertThat(r.err()).contains("sweep point durationS=0.12: sampleIntervalS: the sampling interval");
        // An interval that does not fit the file's own window is still reported at its line.
        r = CliRun.of("validate", file(BASE + "sampleIntervalS: 0.25\n").toString());
        assertThat(r.err()).contains(f + ":8:18: sampleIntervalS: the sampling interval (0.25 s)");
    }

    /** validate --max-events 1000 printed "error: base.yaml: base.yaml: the run would take ...". */
    @Test
    void aRunOverTheLimitsNamesTheFileOnce() throws Exception {
        Path f = file(BASE);
        CliRun r = CliRun.of("validate", f.toString(), "--max-events", "1000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + f + ": the run would take about").doesNotContain(f + ": " + f);
    }
}
