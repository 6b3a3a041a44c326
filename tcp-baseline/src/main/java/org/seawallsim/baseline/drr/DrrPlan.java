package org.seawallsim.baseline.drr;

import java.util.Arrays;
import java.util.Map;
import org.seawallsim.baseline.TenantWeights;
import org.seawallsim.engine.random.RandomStreams;

/**
 * The network-wide DRR configuration every port follows, as an operator would push it to all switches: which queue
 * each tenant uses and each queue's quantum. A queue's weight is the sum of the weights of the tenants bound to it
 * (tenants sharing a queue share its service FIFO-style); quanta scale with queue weight so the lightest non-empty
 * queue gets the base quantum. Network traffic without a tenant (tenant -1) uses queue 0.
 */
public final class DrrPlan {
    private final DrrConfig config;
    private final TenantWeights weights;
    private final long hashSeed;
    private int[] queueOfTenant = new int[0];
    private final long[] quantumBytes;

    /** {@code hashSeed} seeds the HASHED mapping (derive it from the run's random streams). */
    public DrrPlan(DrrConfig config, TenantWeights weights, long hashSeed) {
        this.config = config;
        this.weights = weights;
        this.hashSeed = hashSeed;
        this.quantumBytes = new long[config.queuesPerPort()];
        Arrays.fill(quantumBytes, config.baseQuantumBytes());
    }

    /** Recomputes the map and the quanta from the current tenants and weights. */
    public void refresh() {
        int n = config.queuesPerPort();
        int[] map = new int[weights.tenantCount()];
        for (int t = 0; t < map.length; t++) {
            map[t] = defaultQueue(t);
        }
        for (Map.Entry<String, Integer> e : config.queueByTenant().entrySet()) {
            int id = weights.idOf(e.getKey());
            if (id < 0) {
                throw new IllegalArgumentException("queueByTenant names tenant '" + e.getKey()
                        + "', which has no VM in this scenario");
            }
            map[id] = e.getValue();
        }
        queueOfTenant = map;
        long[] q = quanta(weights.weightsOfTenants());
        System.arraycopy(q, 0, quantumBytes, 0, n);
    }

    /**
     * Quanta for a port whose tenants weigh {@code tenantWeight} there (indexed by tenant id), under the current
     * tenant-to-queue map: a queue weighs its tenants' sum, and the lightest non-empty queue gets the base quantum.
     * A queue weighing 0 (no tenant sends across the port, only acknowledgements) gets the base quantum too, so
     * whatever reaches it still flows.
     */
    public long[] quanta(double[] tenantWeight) {
        int n = config.queuesPerPort();
        double[] qw = new double[n];
        for (int t = 0; t < tenantWeight.length; t++) {
            if (tenantWeight[t] > 0) {
                qw[queueOf(t)] += tenantWeight[t];
            }
        }
        double min = Double.MAX_VALUE;
        for (double w : qw) {
            if (w > 0) {
                min = Math.min(min, w);
            }
        }
        long[] out = new long[n];
        for (int q = 0; q < n; q++) {
            out[q] = qw[q] > 0 ? Math.round(config.baseQuantumBytes() * qw[q] / min) : config.baseQuantumBytes();
        }
        return out;
    }

    private int defaultQueue(int tenant) {
        int n = config.queuesPerPort();
        if (config.mapping() == DrrConfig.Mapping.HASHED) {
            return (int) Long.remainderUnsigned(RandomStreams.mix64(hashSeed ^ tenant), n);
        }
        return tenant % n;
    }

    /** Queue index for a tenant (per packet: no allocation). */
    public int queueOf(int tenant) {
        if (tenant < 0) {
            return 0;
        }
        if (tenant < queueOfTenant.length) {
            return queueOfTenant[tenant];
        }
        return defaultQueue(tenant);
    }

    /** The quantum of {@code queue} with every sending VM counted on every port (the network-wide weights). */
    public long quantumBytes(int queue) {
        return quantumBytes[queue];
    }

    public int queues() {
        return quantumBytes.length;
    }

    public DrrConfig config() {
        return config;
    }
}
