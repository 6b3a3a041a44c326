package org.seawallsim.baseline.drr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seawallsim.engine.packet.Ethernet;

/**
 * Configuration of the per-tenant deficit-round-robin baseline ("drr").
 *
 * @param queuesPerPort      hardware queues per switch egress port (default 8: the 802.1Q priorities / CoS queues of
 *                           commodity switch chips); tenants beyond this share queues
 * @param mapping            how tenants are bound to queues: {@link Mapping#STATIC} (default) puts tenant id t in
 *                           queue t mod queuesPerPort unless {@code queueByTenant} names it; {@link Mapping#HASHED}
 *                           uses a seeded hash of the tenant id (may collide even with few tenants)
 * @param queueByTenant      STATIC only: explicit tenant name to queue index (0-based); default empty
 * @param baseQuantumBytes   quantum of the lightest queue, in wire bytes; others scale with weight. Default 1538 (one
 *                           full frame), the smallest value that keeps DRR O(1) per packet
 * @param queueBytes         per-queue byte limit; 0 (default) = no limit but the port buffer, which all the port's
 *                           queues share (when it is full, the longest queue drops its newest packet)
 */
public record DrrConfig(int queuesPerPort, Mapping mapping, Map<String, Integer> queueByTenant,
        long baseQuantumBytes, long queueBytes) {

    /** Tenant-to-queue binding when tenants outnumber queues. */
    public enum Mapping { STATIC, HASHED }

    public static final int DEFAULT_QUEUES_PER_PORT = 8;
    public static final long DEFAULT_BASE_QUANTUM_BYTES = Ethernet.wireBytes(Ethernet.MTU_BYTES);

    public DrrConfig {
        List<String> errors = new ArrayList<>();
        if (queuesPerPort < 1 || queuesPerPort > 1024) {
            errors.add("queuesPerPort must be in [1, 1024], got " + queuesPerPort);
        }
        if (mapping == null) {
            errors.add("mapping must be STATIC or HASHED, got null");
        }
        queueByTenant = queueByTenant == null ? Map.of() : Map.copyOf(new TreeMap<>(queueByTenant));
        for (Map.Entry<String, Integer> e : queueByTenant.entrySet()) {
            Integer q = e.getValue();
            if (q == null || q < 0 || q >= queuesPerPort) {
                errors.add("queueByTenant[" + e.getKey() + "] must be in [0, " + (queuesPerPort - 1) + "], got " + q);
            }
        }
        if (!queueByTenant.isEmpty() && mapping == Mapping.HASHED) {
            errors.add("queueByTenant is only used with mapping STATIC, got mapping HASHED");
        }
        if (baseQuantumBytes < 64) {
            errors.add("baseQuantumBytes must be >= 64 (one minimum frame), got " + baseQuantumBytes);
        }
        if (queueBytes < 0) {
            errors.add("queueBytes must be >= 0 (0 = port buffer), got " + queueBytes);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid drr config: " + String.join("; ", errors));
        }
    }

    /** 8 queues per port, static tenant mod 8 map, 1538-B base quantum, port-buffer-sized queues. */
    public static DrrConfig defaults() {
        return new DrrConfig(DEFAULT_QUEUES_PER_PORT, Mapping.STATIC, Map.of(), DEFAULT_BASE_QUANTUM_BYTES, 0);
    }

    public DrrConfig withQueuesPerPort(int n) {
        return new DrrConfig(n, mapping, queueByTenant, baseQuantumBytes, queueBytes);
    }

    public DrrConfig withMapping(Mapping m) {
        return new DrrConfig(queuesPerPort, m, m == Mapping.HASHED ? Map.of() : queueByTenant, baseQuantumBytes,
                queueBytes);
    }

    public DrrConfig withQueueByTenant(Map<String, Integer> map) {
        return new DrrConfig(queuesPerPort, mapping, map, baseQuantumBytes, queueBytes);
    }

    public DrrConfig withBaseQuantumBytes(long q) {
        return new DrrConfig(queuesPerPort, mapping, queueByTenant, q, queueBytes);
    }

    public DrrConfig withQueueBytes(long b) {
        return new DrrConfig(queuesPerPort, mapping, queueByTenant, baseQuantumBytes, b);
    }
}
