package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A --set path naming a list item that is not there is bad input (exit 2) naming the path and the list's length:
 * traffic[-1] printed "internal error: IndexOutOfBoundsException" and a stack trace (exit 1).
 */
class SetListIndexTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "traffic[-1].rateMbps=5|traffic[-1]: no list item -1 here (the list has 1 item, numbered from 0)",
            "traffic[1].rateMbps=5|traffic[1]: no list item 1 here (the list has 1 item, numbered from 0)",
            "host[0]=h1|host[0]: no list item 0 here (the value here is not a list)"})
    void aMissingListItemIsBadInput(String set, String says) throws Exception {
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
        String arg = "tenants.t1.vms.a." + set;
        for (String command : new String[] {"validate", "run", "sweep"}) {
            CliRun r = command.equals("validate") ? CliRun.of(command, f.toString(), "--set", arg)
                    : CliRun.of(command, f.toString(), "--set", arg, "--quiet", "--no-plots", "--out",
                            dir.resolve(command).toString());
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--set " + arg.substring(0, arg.indexOf('=')) + ": tenants.t1.vms.a." + says)
                    .doesNotContain("Exception", "\tat ");
        }
    }
}
