package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.scenario.model.Scenario;

/**
 * 10 GbE hosts with real-host timing behind a 1 Gb/s core: the hypervisor's send path (1 us + 1 ns/B a packet,
 * about 2.4 Gb/s of full frames), not the NIC, is a host's limit. Four VMs, weights 1, 2, 3, 1: 12 TCP flows, a
 * 5 Gb/s UDP source, 1 and 3 TCP flows.
 *
 * <p>Before the send path had a bounded ring ({@code HostTiming.SEND_RING_PACKETS}), the UDP source's packets
 * queued there without limit, its Seawall tunnel heard about packets sent after each cut ever later (1, 3, 6, 12,
 * 24, 49 ms), and the destination reported the honest source for ignoring feedback at 0.15 s and filtered it: 0
 * goodput for the UDP VM, under ECN- and loss-driven feedback alike. Now (measured, seeds 1-3): no accusation, and
 * with ECN every VM at 0.977-0.990 of its weighted max-min ideal (5 %: the target; the trunk runs 98.5 %
 * busy). Loss-driven feedback leaves the one-flow weight-3 TCP VM at 0.37 (guest TCP sees the trunk's drops, README
 * mechanism 1), so only the accusation and the UDP VM's share are checked there.
 */
class TenGbeHostsTest {
    @TempDir
    Path dir;

    static String scenario(int seed, String feedback) {
        return String.format("description: \"10 GbE hosts with host timing, 1 Gb/s core, seed %d\"%n"
                + "topology: {builder: dumbbell, hosts: 4, rateGbps: 10, coreRateGbps: 1, delayUs: 5, "
                + "bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}%n"
                + "tenants:%n"
                + "  t1: {weight: 1, vms: {v1: {host: h0, traffic: [{type: bulk, to: r1, flows: 12}]}, r1: {host: h4}}}%n"
                + "  t2: {weight: 2, vms: {v2: {host: h1, traffic: [{type: udp, to: r2, rateMbps: 5000}]}, "
                + "r2: {host: h5}}}%n"
                + "  t3: {weight: 3, vms: {v3: {host: h2, traffic: [{type: bulk, to: r3, flows: 1}]}, r3: {host: h6}}}%n"
                + "  t4: {weight: 1, vms: {v4: {host: h3, traffic: [{type: bulk, to: r4, flows: 3}]}, r4: {host: h7}}}%n"
                + "schemeParams: {seawall: {feedback: %s}}%n"
                + "scheme: seawall%ndurationS: 3%nwarmupS: 1%nseed: %d%n", seed, feedback, seed);
    }

    @ParameterizedTest(name = "seed {0}, feedback {1}")
    @CsvSource({"1, ecn", "2, ecn", "3, ecn", "1, loss"})
    void anHonestUdpSourceOnATenGbeHostIsNotAccused(int seed, String feedback) throws Exception {
        RunResult r = ScenarioRuns.run(dir, scenario(seed, feedback));
        Scenario sc = r.scenario();
        assertThat(r.accusations()).as("accusations").isEmpty();
        int udp = sc.vm("v2").id();
        if (feedback.equals("ecn")) {
            SeawallAllocationClassesTest.checkAllWithin(r, 0.05);
        } else {
            assertThat(r.vmGoodputBps()[udp] / r.vmIdealBps()[udp]).isGreaterThan(0.9);
        }
    }
}
