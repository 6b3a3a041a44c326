package org.seawallsim.engine.scheme;

/**
 * A VM as isolation schemes see it: the unit of allocation, with the tenant it belongs to, the host it runs on and
 * its administrator-set weight (> 0).
 */
public record VmInfo(int id, String name, int tenantId, String tenantName, int hostId, double weight) {
    public VmInfo {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("VM '" + name + "': weight must be a positive number, got " + weight);
        }
    }
}
