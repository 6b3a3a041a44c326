package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run and compare exit 3 when an expectation fails (as regress does on a regression), 0 with --no-expect. */
class ExitCodesTest {
    @TempDir
    Path dir;

    private static final String SCENARIO = String.join("\n",
            "topology: {builder: star, hosts: 2, rateGbps: 1}",
            "tenants:",
            "  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 100}]}, b: {host: h1}}}",
            "durationS: 0.05",
            "warmupS: 0.01",
            "sampleIntervalS: 0.01",
            "scheme: tcp",
            "compare: [tcp, drr]",
            "expect:",
            // 100 Mb/s of 1500-byte datagrams is about 94 Mb/s of goodput: the first range holds, the second cannot.
            "  - {vm: a, goodputMbps: [80, 100], note: holds}",
            "  - {vm: a, goodputMbps: [500, 600], note: cannot hold}",
            "");

    private Path file(String text) throws Exception {
        Path f = dir.resolve("e.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void runExitsThreeOnAFailedExpectationAndZeroWithNoExpect() throws Exception {
        Path f = file(SCENARIO);
        CliRun failed = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--out", dir.resolve("r1").toString());
        assertThat(failed.code()).as(failed.err()).isEqualTo(3);
        assertThat(failed.out()).contains("FAIL");
        assertThat(failed.err()).contains("1 expectation failed: exit code 3 (--no-expect ignores them)");
        assertThat(dir.resolve("r1").resolve("summary.json")).as("results are still written").exists();
        CliRun ignored = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--no-expect", "--out",
                dir.resolve("r2").toString());
        assertThat(ignored.code()).isZero();
        assertThat(ignored.err()).contains("ignored: --no-expect");
        CliRun passing = CliRun.of("run", file(SCENARIO.replace("  - {vm: a, goodputMbps: [500, 600], note: cannot "
                + "hold}\n", "")).toString(), "--quiet", "--no-plots", "--out", dir.resolve("r3").toString());
        assertThat(passing.code()).as(passing.err()).isZero();
    }

    @Test
    void compareExitsThreeWhenAnySchemeFailsAnExpectation() throws Exception {
        Path f = file(SCENARIO);
        CliRun r = CliRun.of("compare", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out",
                dir.resolve("c").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("2 expectations failed"); // the impossible one, under each of the two schemes
        assertThat(CliRun.of("compare", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--no-expect", "--out",
                dir.resolve("c2").toString()).code()).isZero();
    }

    @Test
    void aRunOverTheEventBudgetIsRefusedByRunAndValidateAlikeUnlessOverridden() throws Exception {
        Path f = file(SCENARIO);
        CliRun run = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--max-events", "1000", "--out",
                dir.resolve("b").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("e.yaml", "events", "budget of 1000", "--max-events N", "--ignore-limits",
                "tenants.t.vms.a.traffic[0]");
        assertThat(dir.resolve("b")).doesNotExist();
        CliRun validate = CliRun.of("validate", f.toString(), "--max-events", "1000");
        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains("budget of 1000");
        assertThat(CliRun.of("validate", f.toString(), "--max-events", "1000", "--ignore-limits").code()).isZero();
        CliRun explained = CliRun.of("validate", "--explain", f.toString());
        assertThat(explained.code()).isZero();
        // The file compares tcp and drr: each has its estimate.
        assertThat(explained.out()).contains("estimate under tcp:", "estimate under drr:", "events ", "heap ",
                "largest sender: tenants.t.vms.a");
        CliRun forced = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--no-expect", "--max-events", "1000",
                "--ignore-limits", "--out", dir.resolve("b").toString());
        assertThat(forced.code()).as(forced.err()).isZero();
    }
}
