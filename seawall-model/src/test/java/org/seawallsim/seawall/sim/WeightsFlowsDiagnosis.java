package org.seawallsim.seawall.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.controller.Tunnels;
import org.seawallsim.seawall.sim.traffic.Star;

/**
 * Measurement, not a check: one 1 Gb/s trunk, VMs with weights 4, 3, 2, 1 and 1, 2, 8, 16 guest TCP flows, under
 * loss- and ECN-driven feedback. Every 50 ms it prints per VM its goodput, its tunnel's rate limit, the SW-port
 * queue, the SW-port (local) drops and the controller's cuts. Run with
 * {@code mvn test -pl seawall-model -Dtest.excludedGroups=none -Dgroups=diagnosis -Dtest=WeightsFlowsDiagnosis}.
 */
@Tag("slow")
@Tag("diagnosis")
class WeightsFlowsDiagnosis {
    @Test
    void trace() {
        for (boolean ecn : new boolean[] {false, true}) {
            run(ecn);
        }
    }

    private void run(boolean ecn) {
        SeawallScheme s = new SeawallScheme(SeawallParams.defaults().withEcnFeedback(ecn));
        int[] w = java.util.Arrays.stream(System.getProperty("weights", "4,3,2,1").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int[] flows = java.util.Arrays.stream(System.getProperty("flows", "1,2,8,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int n = w.length;
        Bench b = new Bench(1, ctx -> Star.dumbbell(ctx, n, n, Rate.gbps(10), Rate.gbps(1), Time.ofMicros(5),
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
            for (int f = 0; f < flows[i]; f++) {
                b.tcp(vm[i], sink[i]).start();
            }
        }
        System.out.println(ecn ? "== ECN-driven" : "== loss-driven");
        b.goodputUntil(Time.ofMillis(1000));
        long[] drops0 = new long[n];
        long[] cuts0 = new long[n];
        long[] inc0 = new long[n];
        for (int t = 0; t < 10; t++) {
            for (int i = 0; i < n; i++) {
                drops0[i] = s.shim(i).sender().localDrops();
                cuts0[i] = s.shim(i).controller().decreases();
                inc0[i] = s.shim(i).controller().increases();
            }
            double[] g = b.goodputUntil(b.ctx.nowPs() + Time.ofMillis(50));
            StringBuilder sb = new StringBuilder(String.format("t=%.2f", Time.toSeconds(b.ctx.nowPs())));
            for (int i = 0; i < n; i++) {
                SeawallShim sh = s.shim(i);
                long key = Tunnels.key(vm[i], n + i);
                sb.append(String.format(" | w%d %5.1f Mb/s lim %5.1f q %6d B drops %4d cuts %3d incs %3d", w[i],
                        g[vm[i]] / 1e6, sh.controller().rateBps(key) / 1e6, sh.sender().queuedBytes(key),
                        sh.sender().localDrops() - drops0[i], sh.controller().decreases() - cuts0[i],
                        sh.controller().increases() - inc0[i]));
            }
            System.out.println(sb);
        }
    }
}
