package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.transport.tcp.TcpConfig;
import org.seawallsim.transport.tcp.TcpVariant;

/** A traffic item's TCP options reach the flows: the variant, SACK (on unless turned off) and ECN (off unless asked for). */
class TcpOptionsTest {
    @TempDir
    Path dir;

    @Test
    void variantSackAndEcnAreTakenFromEachTrafficItem() throws Exception {
        Path f = dir.resolve("tcp.yaml");
        Files.writeString(f, String.join("\n",
                "topology: {builder: star, hosts: 3, ecnThresholdBytes: 30000}",
                "tenants:",
                "  t:",
                "    vms:",
                "      a: {host: h0, traffic: [{type: bulk, to: r, variant: cubic, sack: false, ecn: true}]}",
                "      b: {host: h1, traffic: [{type: bulk, to: r}]}",
                "      r: {host: h2}",
                "durationS: 2",
                ""));
        Scenario sc = ScenarioLoader.load(f, List.of());
        TcpConfig a = TransportTraffic.tcp(sc.vm("a").traffic().get(0));
        TcpConfig b = TransportTraffic.tcp(sc.vm("b").traffic().get(0));
        assertThat(a.variant()).isEqualTo(TcpVariant.CUBIC);
        assertThat(a.sack()).isFalse();
        assertThat(b.variant()).isEqualTo(TcpVariant.NEWRENO);
        assertThat(b.sack()).isTrue();
        assertThat(a.ecn()).isTrue();
        assertThat(b.ecn()).isFalse();
        // Both keep the Linux-like base: timestamps on.
        assertThat(a.timestamps()).isTrue();
        assertThat(b.timestamps()).isTrue();
    }
}
