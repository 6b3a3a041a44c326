package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's name follows the rule of tenant and VM names (a letter, then letters, digits, '_', '-'), given in
 * the file (the bad-input corpus's name-*.yaml) or with --set: it makes the default results folder, so
 * {@code --set name=../x} wrote results/../x-tcp, outside results/; validate passed it.
 */
class ScenarioNameTest {
    @TempDir
    Path dir;

    @Test
    void aNameGivenWithSetIsCheckedToo() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 1}
                tenants:
                  t1: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 100}]}, b: {host: h1}}}
                scheme: tcp
                durationS: 0.1
                warmupS: 0.02
                sampleIntervalS: 0.02
                """);
        for (String command : new String[] {"validate", "run", "compare", "sweep"}) {
            CliRun r = command.equals("validate") ? CliRun.of(command, f.toString(), "--set", "name=../escaped")
                    // --out keeps this test's writes in its folder should the check ever be lost.
                    : CliRun.of(command, f.toString(), "--set", "name=../escaped", "--quiet", "--no-plots", "--out",
                            dir.resolve(command).toString());
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--set name=../escaped: name: a name must start with a letter and contain "
                    + "only letters, digits, '_' and '-'").doesNotContain("Exception");
        }
        CliRun ok = CliRun.of("validate", f.toString(), "--set", "name=Run_2-b");
        assertThat(ok.code()).as(ok.err()).isZero();
    }
}
