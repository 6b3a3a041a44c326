package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file is one YAML document: a second one after '---' is refused (exit 2) at the '---' line, by validate
 * and run alike. Before, everything after the '---' was dropped without a word (here a second document setting the
 * scheme to tcp and a 5 s duration was ignored, and the run went ahead as the first document alone).
 */
class MultiDocumentYamlTest {
    @TempDir
    Path dir;

    private static final String ONE = """
            topology: {builder: dumbbell, hosts: 1}
            tenants:
              t1: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 100}]}, b: {host: h1}}}
            scheme: seawall
            durationS: 0.1
            warmupS: 0.02
            sampleIntervalS: 0.02
            """;

    @Test
    void aSecondDocumentIsRefusedAtItsMarker() throws Exception {
        for (String second : new String[] {"---\nscheme: tcp\ndurationS: 5\n", "---\n"}) {
            Path f = dir.resolve("multi.yaml");
            Files.writeString(f, ONE + second);
            for (String[] args : new String[][] {{"validate", f.toString()},
                    {"run", f.toString(), "--quiet", "--no-plots", "--out", dir.resolve("out").toString()}}) {
                CliRun r = CliRun.of(args);
                assertThat(r.code()).as(args[0] + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).contains(f + ":8:1: '---' starts a second YAML document; a scenario file is one "
                        + "document").doesNotContain("Exception");
            }
            assertThat(dir.resolve("out")).doesNotExist();
        }
    }

    @Test
    void oneDocumentWithItsMarkersIsFine() throws Exception {
        Path f = dir.resolve("one.yaml");
        Files.writeString(f, "---\n" + ONE + "...\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }
}
