package org.seawallsim.seawall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.sim.traffic.Star;
import org.seawallsim.seawall.sim.traffic.UdpFlow;

/**
 * E4: three backlogged VMs (UDP offering 2 Gb/s each from 10 Gb/s NICs) with weights 1, 2, 3 share a 1 Gb/s trunk;
 * then the heaviest stops.
 */
class E4WeightsTest {
    @Test
    void sharesFollowWeightsAndWorkIsConserved() {
        SeawallScheme s = new SeawallScheme();
        Bench b = new Bench(4, ctx -> Star.withHostTiming(Star.dumbbell(ctx, 3, 1, Rate.gbps(1), Rate.gbps(1),
                Time.ofMicros(5), 128 * 1024)), s);
        int[] vm = {b.vm(0, 1), b.vm(1, 2), b.vm(2, 3)};
        int sink = b.vm(3, 1);
        b.install();
        UdpFlow[] f = new UdpFlow[3];
        for (int i = 0; i < 3; i++) {
            f[i] = b.udp(vm[i], sink, Rate.gbps(2));
            f[i].start();
        }
        b.goodputUntil(Time.ofMillis(500));
        double[] g = b.goodputUntil(Time.ofMillis(2500));
        double total = g[vm[0]] + g[vm[1]] + g[vm[2]];
        double[] expected = {1 / 6.0, 1 / 3.0, 1 / 2.0};
        double[] shares = new double[3];
        for (int i = 0; i < 3; i++) {
            double share = g[vm[i]] / total;
            System.out.printf("E4 weight %d: %.1f Mb/s, share %.4f (target %.4f)%n", i + 1, g[vm[i]] / 1e6, share,
                    expected[i]);
            // The tolerance: within 5 % (relative) of each weighted share, averaged over 2 s.
            shares[i] = share;
        }
        for (int i = 0; i < 3; i++) {
            // The tolerance: within 5 % (relative) of each weighted share, averaged over 2 s.
            assertThat(shares[i]).isCloseTo(expected[i], within(0.05 * expected[i]));
        }
        assertThat(total).as("trunk stays busy").isGreaterThan(0.9 * 957e6);
        assertThat(s.networkController().accusations()).as("no honest host is accused").isEmpty();

        f[2].stop();
        s.vmLeft(vm[2]);
        b.goodputUntil(Time.ofMillis(2900));
        double[] h = b.goodputUntil(Time.ofMillis(3700));
        double left = h[vm[0]] + h[vm[1]];
        System.out.printf("E4 after weight 3 left: %.1f + %.1f Mb/s%n", h[vm[0]] / 1e6, h[vm[1]] / 1e6);
        // Work conservation: the two remaining VMs take the freed share (>= 90 % of the 957 Mb/s UDP goodput
        // capacity), still in the ratio 1 : 2 (within 5 %).
        assertThat(left).isGreaterThan(0.9 * 957e6);
        assertThat(h[vm[0]] / left).isCloseTo(1 / 3.0, within(0.05 / 3));
    }
}
