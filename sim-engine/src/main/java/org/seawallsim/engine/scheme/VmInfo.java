package org.seawallsim.engine.scheme;

/**
 * A VM as isolation schemes see it: the unit of allocation, with the tenant it belongs to, the host it runs on, its
 * administrator-set weight (> 0), and whether it sends traffic of its own (a VM that only receives is not owed a
 * share of any link, and a per-tenant scheme does not count its weight).
 */
public record VmInfo(int id, String name, int tenantId, String tenantName, int hostId, double weight, boolean sends) {
    public VmInfo {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("VM '" + name + "': weight must be a positive number, got " + weight);
        }
    }

    /** A VM that sends. */
    public VmInfo(int id, String name, int tenantId, String tenantName, int hostId, double weight) {
        this(id, name, tenantId, tenantName, hostId, weight, true);
    }

    public VmInfo withWeight(double w) {
        return new VmInfo(id, name, tenantId, tenantName, hostId, w, sends);
    }
}
