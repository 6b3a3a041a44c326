package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep records the trace: section's links in every run, as run and compare do (it dropped them silently). */
class SweepTracesTest {
    @TempDir
    Path dir;

    @Test
    void everyRunOfASweepHasItsTraceAndSaysSo() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5}
                tenants:
                  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: [100, 300]}]}, b: {host: h1}}}
                scheme: tcp
                durationS: 0.1
                warmupS: 0.02
                sampleIntervalS: 0.02
                trace: {links: [bottleneck]}
                """);
        CliRun r = CliRun.of("sweep", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out",
                dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        long[] packets = new long[2];
        for (int i = 0; i < 2; i++) {
            Path run = dir.resolve("out").resolve("runs").resolve("r000" + i);
            Path pcap = run.resolve("trace-bottleneck.pcap");
            assertThat(pcap).exists();
            assertThat(run.resolve("trace-hosts.txt")).exists();
            JsonNode traces = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("traces");
            assertThat(traces).hasSize(1);
            packets[i] = traces.get(0).get("packets").asLong();
            // pcap: a 24-byte file header, then a 16-byte record header and the captured bytes per packet.
            assertThat(Files.size(pcap)).isGreaterThan(24 + packets[i] * 16);
        }
        // 100 and 300 Mb/s of 1500-byte datagrams for 0.1 s: about 810 and 2 440 frames on the bottleneck.
        assertThat(packets[1]).isGreaterThan(2 * packets[0]);
        // No scratch folder is left behind in the system's temp space by this sweep's runs.
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("seawall-sim-trace-"))
                    .filter(p -> p.toFile().lastModified() >= System.currentTimeMillis() - 60_000)).isEmpty();
        }
    }
}
