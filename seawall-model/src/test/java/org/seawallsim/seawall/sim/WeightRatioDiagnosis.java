package org.seawallsim.seawall.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.controller.Tunnels;
import org.seawallsim.seawall.sim.traffic.Star;

/**
 * Measurement, not a check: two UDP floods with weights w and 1 on one 1 Gb/s trunk. Every 100 ms it prints per VM
 * its goodput, its rate limit and the controller's cuts and increases.
 */
@Tag("slow")
@Tag("diagnosis")
class WeightRatioDiagnosis {
    @Test
    void trace() {
        boolean ecn = Boolean.parseBoolean(System.getProperty("ecn", "true"));
        double light = Double.parseDouble(System.getProperty("light", "0.02"));
        SeawallScheme s = new SeawallScheme(SeawallParams.defaults().withEcnFeedback(ecn));
        double[] w = {light, 1};
        int n = 2;
        Bench b = new Bench(1, ctx -> Star.dumbbell(ctx, n, n, Rate.gbps(1), Rate.gbps(1), Time.ofMicros(5),
                128 * 1024, ecn ? 60_000 : 0), s);
        int[] vm = new int[n];
        int[] sink = new int[n];
        for (int i = 0; i < n; i++) {
            vm[i] = b.vm(i, w[i]);
        }
        for (int i = 0; i < n; i++) {
            sink[i] = b.vm(n + i, 1);
        }
        b.install();
        for (int i = 0; i < n; i++) {
            b.udp(vm[i], sink[i], 2_000_000_000L).start();
        }
        b.goodputUntil(Time.ofMillis(1000));
        long[] cuts0 = new long[n];
        long[] inc0 = new long[n];
        for (int t = 0; t < 10; t++) {
            for (int i = 0; i < n; i++) {
                cuts0[i] = s.shim(i).controller().decreases();
                inc0[i] = s.shim(i).controller().increases();
            }
            double[] g = b.goodputUntil(b.ctx.nowPs() + Time.ofMillis(100));
            StringBuilder sb = new StringBuilder(String.format("t=%.2f", Time.toSeconds(b.ctx.nowPs())));
            for (int i = 0; i < n; i++) {
                SeawallShim sh = s.shim(i);
                long key = Tunnels.key(vm[i], n + i);
                sb.append(String.format(" | w%.3f %6.2f Mb/s lim %6.2f cuts %3d incs %3d", w[i], g[vm[i]] / 1e6,
                        sh.controller().rateBps(key) / 1e6, sh.controller().decreases() - cuts0[i],
                        sh.controller().increases() - inc0[i]));
            }
            System.out.println(sb);
        }
    }
}
