package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed sweep whose one run has a damaged task.json is refused in plain words, and told to delete that run's
 * folder: the message quoted Jackson ("Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)")
 * and advised deleting runs/, which throws every finished run away.
 */
class DamagedTaskFileTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedTaskFileNamesThatRunOnly() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "topology: {builder: dumbbell, hosts: 1}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r, rateMbps: [100, 200]}]}\n      r: {host: h1}\n"
                + "durationS: 0.2\nwarmupS: 0.1\n");
        Path out = dir.resolve("sw");
        CliRun first = CliRun.of("sweep", f.toString(), "--jobs", "1", "--quiet", "--no-plots", "--out",
                out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path task = out.resolve("runs").resolve("r0001").resolve("task.json");
        Files.writeString(task, Files.readString(task).substring(0, 20));
        CliRun again = CliRun.of("sweep", f.toString(), "--jobs", "1", "--quiet", "--no-plots", "--out",
                out.toString());
        assertThat(again.code()).as(again.err()).isEqualTo(2);
        assertThat(again.err()).contains("runs/r0001: unreadable task.json (", "Unexpected end-of-input", "at line 2, column 19",
                "delete that run's folder " + out.resolve("runs").resolve("r0001") + " to run it again (the other "
                        + "finished runs are kept)")
                .doesNotContain("REDACTED", "StreamReadFeature", "`");
        assertThat(out.resolve("runs").resolve("r0000").resolve("summary.json")).exists();
    }
}
