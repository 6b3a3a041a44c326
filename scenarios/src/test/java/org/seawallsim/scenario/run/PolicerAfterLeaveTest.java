package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tenant whose last sending VM leaves has no weight left, and the policer used to drop its buckets, which made the
 * tenant unlimited: the leaver's NIC backlog (up to 1 MB) then crossed the trunk at 430-818 Mb/s of a 319 Mb/s
 * reservation and pushed the two remaining tenants to 68-71 Mb/s for that 10-ms sample (an outside probe, seeds 1-3,
 * both placements). Its buckets keep their last rate now, as the shaper's do, so the backlog drains within the
 * tenant's reservation.
 *
 * <p>Three UDP floods at twice the NIC rate share a 1 Gb/s trunk in thirds (319.0 Mb/s of UDP goodput each); the
 * middle one leaves at 0.5 s. Each 10-ms sample after the leave is checked: the leaver never above its reservation
 * (2 % for a sample's granularity), the trunk full (98 %); from the second sample on, when the backlog is gone, the
 * two left at their new half (478.5 Mb/s, within 2 %). In the first sample after the leave the reservations sum to
 * 1.28 of the trunk while the backlog drains (the others' grew at once), so drop-tail decides how the remaining two
 * share it (measured 458/205 Mb/s, seeds 1-2): a property of re-dividing a static reservation, which DRR and the
 * shaper do not have (they queue), and no longer a tenant let through above its rate.
 */
class PolicerAfterLeaveTest {
    private static final String LEAVE = """
            topology: {builder: dumbbell, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
            tenants:
              ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h3}}}
              tb: {vms: {b: {host: h1, traffic: [{type: udp, to: br, rateMbps: 2000}]}, br: {host: h4}}}
              tc: {vms: {c: {host: h2, traffic: [{type: udp, to: cr, rateMbps: 2000}]}, cr: {host: h5}}}
            timeline:
              - {atS: 0.5, action: leave, vm: b}
            scheme: ratelimit
            durationS: 0.7
            warmupS: 0.1
            sampleIntervalS: 0.01
            """;

    @ParameterizedTest(name = "placement {0}, seed {1}")
    @CsvSource({"egress, 1", "egress, 2", "egress, 3", "ingress, 1", "ingress, 2"})
    void aTenantsLastLeaverDrainsWithinItsReservation(String placement, long seed, @TempDir Path dir)
            throws Exception {
        RunResult r = ScenarioRuns.run(dir, LEAVE, "seed=" + seed, "schemeParams.ratelimit.placement=" + placement);
        // VMs in declaration order: a, ar, b, br, c, cr.
        int a = 0;
        int b = 2;
        int c = 4;
        double trunk = 957.1e6;
        double third = trunk / 3;
        int after = 0;
        for (int s = 0; s < r.series().times.size(); s++) {
            double t = r.series().times.get(s);
            if (t <= 0.5 + 1e-9) {
                continue;
            }
            after++;
            double[] good = r.series().vmGoodput.get(s);
            assertThat(good[b]).as("leaver at %.2f s", t).isLessThan(third * 1.02);
            assertThat(good[a] + good[b] + good[c]).as("trunk at %.2f s", t).isGreaterThan(trunk * 0.98);
            if (after > 1) {
                assertThat(good[b]).as("leaver at %.2f s", t).isZero();
                assertThat(good[a]).as("a at %.2f s", t).isCloseTo(trunk / 2, within(trunk / 2 * 0.02));
                assertThat(good[c]).as("c at %.2f s", t).isCloseTo(trunk / 2, within(trunk / 2 * 0.02));
            }
        }
        assertThat(after).isEqualTo(20);
    }
}
