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
     * (validate --explain --set ... point by point): (10, 1500) 2.005e5, (10, 200) 2.01e5, (900, 1500) 3.02e5,
     * (900, 200) 3.82e5 events.
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
