package org.seawallsim.seawall.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.sim.traffic.Star;

/**
 * Measurement, not a check: E4 (weights 1, 2, 3, backlogged UDP through one 1 Gb/s trunk) with the three receivers
 * on one host or on three, printing each VM's share and its controller's own and coupled cuts per second, with and
 * without the receiver-side coupling. Run with
 * {@code mvn test -pl seawall-model -Dtest.excludedGroups=none -Dgroups=diagnosis -Dtest=PlacementDiagnosis}.
 */
@Tag("slow")
@Tag("diagnosis")
class PlacementDiagnosis {
    @Test
    void cutsPerVmByPlacement() {
        for (boolean ecn : new boolean[] {false, true}) {
            for (int coupling : new int[] {200, 0}) {
                for (int hosts : new int[] {1, 3}) {
                    run(hosts, coupling, ecn);
                }
            }
        }
    }

    private void run(int receiverHosts, int coupling, boolean ecn) {
        SeawallParams p = SeawallParams.defaults().withEcnFeedback(ecn);
        SeawallScheme s = new SeawallScheme(p.withPort(p.port().withCoupleIntervals(coupling)));
        Bench b = new Bench(1, ctx -> Star.dumbbell(ctx, 3, 3, Rate.gbps(10), Rate.gbps(1), Time.ofMicros(5),
                128 * 1024, ecn ? 60_000 : 0), s);
        int[] vm = {b.vm(0, 1), b.vm(1, 2), b.vm(2, 3)};
        int[] sink = new int[3];
        for (int i = 0; i < 3; i++) {
            sink[i] = b.vm(3 + (receiverHosts == 1 ? 0 : i), 1);
        }
        b.install();
        for (int i = 0; i < 3; i++) {
            b.udp(vm[i], sink[i], Rate.gbps(2)).start();
        }
        b.goodputUntil(Time.ofMillis(1000));
        long[] own = new long[3];
        long[] coupled = new long[3];
        for (int i = 0; i < 3; i++) {
            own[i] = s.shim(i).controller().decreases();
        }
        double[] g = b.goodputUntil(Time.ofMillis(3000));
        double total = g[0] + g[1] + g[2];
        System.out.printf("== %s, receivers on %d host(s), receiver coupling %d%n", ecn ? "ECN" : "loss",
                receiverHosts, coupling);
        for (int i = 0; i < 3; i++) {
            System.out.printf("  weight %d: share %.4f (ideal %.4f)  cuts/s %.1f%n", i + 1, g[i] / total,
                    (i + 1) / 6.0, (s.shim(i).controller().decreases() - own[i]) / 2.0);
        }
    }
}
