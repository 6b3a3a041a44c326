package org.seawallsim.scenario.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seawallsim.scenario.model.Scenario;

/**
 * The summary metrics. Over the VMs that the oracle gives a positive share (the senders):
 * {@code jain_weighted} is Jain's index of goodput/weight (1 = shares exactly proportional to weights; the weight
 * averaged over the measured interval while the VM is joined, so a timeline's setWeight counts);
 * {@code isolation_error} is the mean of |goodput - ideal| / ideal; {@code utilization} is the mean utilization of
 * the bottleneck links (those the oracle fills for at least half the measured interval), or of the busiest link if
 * none; {@code drops} counts every packet
 * dropped after the warm-up.
 */
final class Metrics {
    private Metrics() {
    }

    static Map<String, Object> compute(RunResult r, long drops) {
        Scenario sc = r.scenario();
        double sum = 0;
        double sumSq = 0;
        double err = 0;
        int n = 0;
        for (Scenario.Vm vm : sc.vms()) {
            double ideal = r.vmIdealBps()[vm.id()];
            if (ideal <= 0) {
                continue;
            }
            // The weight the goodput was earned under: a timeline's setWeight counts from when it happens.
            double x = r.vmGoodputBps()[vm.id()] / r.vmWeight()[vm.id()];
            sum += x;
            sumSq += x * x;
            err += Math.abs(r.vmGoodputBps()[vm.id()] - ideal) / ideal;
            n++;
        }
        double jain = jain(sum, sumSq, n);
        double util = 0;
        if (!r.bottlenecks().isEmpty()) {
            for (int i : r.bottlenecks()) {
                util += r.linkUtilization()[i];
            }
            util /= r.bottlenecks().size();
        } else {
            for (double u : r.linkUtilization()) {
                util = Math.max(util, u);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jain_weighted", jain);
        m.put("isolation_error", n == 0 ? 0.0 : err / n);
        m.put("utilization", util);
        m.put("drops", drops);
        return m;
    }

    /**
     * Jain's index (sum x)^2 / (n sum x^2) from the sums, 0 for nothing to score. Clamped to [0, 1], its true range:
     * rounding put equal shares at 1.0000000000000002.
     */
    static double jain(double sum, double sumSq, int n) {
        if (n == 0 || sumSq == 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, sum * sum / (n * sumSq)));
    }
}
