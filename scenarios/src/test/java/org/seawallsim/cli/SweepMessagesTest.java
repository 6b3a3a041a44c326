package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What sweep and validate say about a sweep's points: a point over the event budget is named by its axis values with
 * an estimate that reads above the budget, a point's validation problem names the whole point and the axis's place
 * in the file, and integer options take whole numbers in scientific notation (2e5) and refuse others in one line.
 */
class SweepMessagesTest {
    @TempDir
    Path dir;

    /**
     * Four points of 0.2 s: a's UDP at 10 or 900 Mb/s with 1500- or 200-byte datagrams beside b's bulk TCP. Estimated
     * (validate --explain --set ... point by point): (10, 1500) 2.005e5, (10, 200) 2.07e5, (900, 1500) 3.02e5,
     * (900, 200) 8.61e5 events; they ran 1.09e5, 1.12e5, 0.71e5 and 3.89e5 (the last was estimated at 3.82e5, below
     * what it ran, while UDP frames were counted as full frames whatever their size).
     */
    private static final String SWEEP = String.join("\n",
            "topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072}",
            "tenants:",
            "  ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: [10, 900], packetBytes: [1500, 200]}]},"
                    + " ar: {host: h2}}}",
            "  tb: {vms: {b: {host: h1, traffic: [{type: bulk, to: br}]}, br: {host: h3}}}",
            "scheme: tcp",
            "durationS: 0.2",
            "warmupS: 0.05",
            "");

    private static final String A = "tenants.ta.vms.a.traffic[0].";

    private Path file(String text) throws Exception {
        Path f = dir.resolve("sw.yaml");
        Files.writeString(f, text);
        return f;
    }

    /**
     * At a budget of 200 000 every point is over it. The refusal named no point, printed the first point's 2.005e5
     * as "about 2e+5 events ..., more than the budget of 200000", and named b's bulk flow as the largest sender of
     * every point, by bit rate (1 Gb/s against 900 Mb/s), although a's 200-byte datagrams put 4.7e5 frames a second
     * on the wire against b's 8.1e4 data frames and as many ACKs (that point ran 3.9e5 events, 1.1e5 without a).
     */
    @Test
    void aSweepOverTheBudgetNamesEachPointLargestFirstWithAnEstimateAboveTheBudget() throws Exception {
        Path f = file(SWEEP);
        CliRun r = CliRun.of("sweep", f.toString(), "--jobs", "1", "--quiet", "--max-events", "200000", "--out",
                dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(dir.resolve("out").resolve("runs")).doesNotExist();
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines.get(0)).startsWith("error: " + f + ": 4 of 4 sweep points exceed the limits, the largest "
                + "first (--max-events N raises the budget");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("  sweep point " + A + "rateMbps=900, " + A + "packetBytes=200 (run "
                + "r0003): the run would take about").endsWith("the largest sender is " + A.replaceAll("\\.$", ""));
        assertThat(lines.get(2)).startsWith("  sweep point " + A + "rateMbps=900, " + A + "packetBytes=1500 (run "
                + "r0002)").endsWith("the largest sender is tenants.tb.vms.b.traffic[0]");
        assertThat(lines.get(3)).contains("rateMbps=10, " + A + "packetBytes=200 (run r0001)");
        assertThat(lines.get(4)).contains("rateMbps=10, " + A + "packetBytes=1500 (run r0000)");
        Pattern about = Pattern.compile("about (\\S+) events");
        for (String line : lines.subList(1, 5)) {
            Matcher m = about.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            assertThat(Double.parseDouble(m.group(1).replace("e+", "e"))).as(line).isGreaterThan(200_000);
        }
        // One point over the budget: named alone, on one line, with the remedy.
        r = CliRun.of("sweep", f.toString(), "--jobs", "1", "--quiet", "--max-events", "350000", "--out",
                dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: " + f + ": 1 of 4 sweep points exceeds the limits: sweep point "
                + A + "rateMbps=900, " + A + "packetBytes=200 (run r0003): the run would take about 8.61e+5 events")
                .contains("(--max-events N raises the budget").doesNotContain("\n");
        // validate judges the points as sweep does.
        r = CliRun.of("validate", f.toString(), "--max-events", "300000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2 of 4 sweep points exceed the limits", "packetBytes=200 (run r0003)",
                "packetBytes=1500 (run r0002)").doesNotContain("rateMbps=10,");
    }

    /**
     * packetBytes 8000 does not fit 6000-byte buffers whatever a's rate: validate printed the same line twice,
     * "sweep point ...packetBytes=8000: ...", one for each rateMbps, with no file:line:col. Each line now names the
     * whole point and the place of the packetBytes axis (line 3, column 92).
     */
    @Test
    void aPointsProblemNamesTheWholePointAndWhereTheAxisIs() throws Exception {
        Path f = file(SWEEP.replace("bufferBytes: 131072", "bufferBytes: 6000").replace("[1500, 200]",
                "[1500, 8000]"));
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("error: " + f + ": 2 problems");
        String problem = ": " + A + "packetBytes: a 8000-byte datagram is a 8038-byte frame, larger than "
                + "topology.bufferBytes (6000)";
        assertThat(lines.get(1)).startsWith("  " + f + ":3:92: sweep point " + A + "rateMbps=10, " + A
                + "packetBytes=8000" + problem);
        assertThat(lines.get(2)).startsWith("  " + f + ":3:92: sweep point " + A + "rateMbps=900, " + A
                + "packetBytes=8000" + problem);
        // An axis given with --set is placed at the --set.
        r = CliRun.of("validate", f.toString(), "--set", A + "packetBytes=[1500,9000]");
        assertThat(r.err()).contains("  --set " + A + "packetBytes=[1500,9000]: sweep point " + A + "rateMbps=10, "
                + A + "packetBytes=9000: " + A + "packetBytes: a 9000-byte datagram");
    }

    /**
     * A value refused at an axis's first point was reported as if the whole file were wrong ("unknown host 'h6'"
     * with no point: the file was bound at each axis's first value before the sweep was expanded), while the same
     * value second in the list named its point; and sweep's first line did not name the file, validate's did. Now
     * both orders name the point under both commands, and a problem found at every point is reported once, as it
     * stands.
     */
    @Test
    void aProblemAtTheFirstPointNamesItAndOneAtEveryPointIsReportedOnce() throws Exception {
        String lot = String.join("\n",
                "topology: {builder: parkinglot, racks: %s, hostsPerRack: 3, rateGbps: 1, delayUs: 5}",
                "tenants:",
                "  ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: %s}}}",
                "scheme: drr",
                "durationS: 0.2",
                "warmupS: 0.05",
                "");
        for (String racks : new String[] {"[2, 3]", "[3, 2]"}) {
            Path f = file(lot.formatted(racks, "h6"));
            for (String command : new String[] {"validate", "sweep"}) {
                CliRun r = command.equals("validate") ? CliRun.of("validate", f.toString())
                        : CliRun.of("sweep", f.toString(), "--quiet", "--out", dir.resolve("o").toString());
                assertThat(r.code()).as(command + " " + racks).isEqualTo(2);
                List<String> lines = r.err().strip().lines().toList();
                assertThat(lines).as(command + " " + racks).containsExactly("error: " + f + ": 1 problem", "  " + f
                        + ":3:72: sweep point topology.racks=2: tenants.ta.vms.ar.host: unknown host 'h6' (did you "
                        + "mean 'h0'?); the parkinglot topology has hosts h0..h5");
            }
        }
        // h9 is beyond both points' hosts, and a typo beside it is wrong whatever the point: each reported once.
        Path f = file(lot.formatted("[2, 3]", "h9").replace("scheme: drr", "scheme: drr\nduratoinS: 1"));
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines.get(0)).isEqualTo("error: " + f + ": 3 problems");
        assertThat(lines.stream().filter(l -> l.contains("duratoinS"))).hasSize(1).allMatch(l -> !l.contains("sweep point"));
        assertThat(lines.stream().filter(l -> l.contains("unknown host 'h9'")))
                .containsExactly("  " + f + ":3:72: sweep point topology.racks=2: tenants.ta.vms.ar.host: unknown "
                        + "host 'h9' (did you mean 'h0'?); the parkinglot topology has hosts h0..h5",
                        "  " + f + ":3:72: sweep point topology.racks=3: tenants.ta.vms.ar.host: unknown "
                        + "host 'h9' (did you mean 'h0'?); the parkinglot topology has hosts h0..h8");
    }

    /**
     * The README writes the default budget as 2e9: --max-events 2e5 was refused with "'2e5' is not a long" and the
     * whole usage text. Every integer option of every command takes whole numbers in any notation now.
     */
    @Test
    void integerOptionsTakeScientificNotation() throws Exception {
        Path f = file(SWEEP.replace("[10, 900]", "10").replace("[1500, 200]", "1500"));
        assertThat(CliRun.of("validate", f.toString(), "--max-events", "2e9").code()).isZero();
        // 1e3 is 1000: the refusal quotes it back.
        CliRun r = CliRun.of("validate", f.toString(), "--max-events", "1e3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("more than the budget of 1000;");
        r = CliRun.of("validate", f.toString(), "--max-events", "-2e5");
        assertThat(r.err().strip()).endsWith("--max-events must be >= 1, got -200000").doesNotContain("\n");
    }

    /** A value that is not a whole number (or does not fit) is refused in one line naming the option, exit 2. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "validate|--max-events|2.5e5x|'2.5e5x' is not a whole number (write it in digits, or as 2e5)",
            "validate|--max-events|1.5|'1.5' is not a whole number (it has a fraction)",
            "validate|--max-events|1e999999999|'1e999999999' is out of range: at most 9223372036854775807",
            "run|--seed|0.5|'0.5' is not a whole number (it has a fraction)",
            "sweep|--jobs|3e9|'3e9' is out of range: at most 2147483647",
            "compare|--tie-seed|1e-1|'1e-1' is not a whole number (it has a fraction)",
            "regress|--jobs|two|'two' is not a whole number"})
    void aBadIntegerIsRefusedInOneLine(String command, String option, String value, String message)
            throws Exception {
        Path f = file(SWEEP);
        CliRun r = command.equals("regress") ? CliRun.of(command, option, value)
                : CliRun.of(command, f.toString(), option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: Invalid value for option '" + option + "': " + message)
                .endsWith("(see 'seawall-sim " + command + " --help')").doesNotContain("\n", "Usage:");
    }
}
