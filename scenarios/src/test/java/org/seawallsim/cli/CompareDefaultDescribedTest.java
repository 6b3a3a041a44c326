package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'describe compare' gave the list's default as [] and nothing more, while compare on a file without the list runs
 * tcp and seawall: the text now says what an absent or empty list means, and this checks it against a compare.
 */
class CompareDefaultDescribedTest {
    @Test
    void aFileWithoutACompareListIsComparedUnderTcpAndSeawallAsDescribeSays(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 1, hostTiming: {}}
                tenants:
                  a: {vms: {a0: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: h1}}}
                durationS: 0.05
                warmupS: 0.01
                sampleIntervalS: 0.01
                """);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("compare", f.toString(), "--quiet", "--no-plots", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("comparison.csv")).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split(",")[0])).containsExactly("scheme", "tcp", "seawall");
        String text = CliRun.of("describe", "compare").out().replaceAll("\\s+", " ");
        assertThat(text).contains("what 'compare' runs without --schemes. Absent or empty ([]), compare runs tcp "
                + "and seawall.").doesNotContain("and regress");
    }
}
