package org.seawallsim.transport;

import org.seawallsim.engine.net.Host;

/**
 * Where a transport endpoint lives: a VM on a physical host, owned by a tenant. Packets carry the VM and tenant ids
 * for accounting and for hypervisor shims; routing uses the host.
 *
 * @param host the physical server whose hypervisor sends and receives for the VM
 * @param vmId the VM id carried in packets (>= 0), or -1 for traffic of the hypervisor itself
 * @param tenantId the tenant id carried in packets (>= 0), or -1 if the run has no tenants
 */
public record VmAddress(Host host, int vmId, int tenantId) {
    public VmAddress {
        if (host == null) {
            throw new IllegalArgumentException("host must not be null");
        }
        if (vmId < -1) {
            throw new IllegalArgumentException("vmId must be >= -1, got " + vmId);
        }
        if (tenantId < -1) {
            throw new IllegalArgumentException("tenantId must be >= -1, got " + tenantId);
        }
    }

    /** The hypervisor itself, with no VM or tenant. */
    public static VmAddress of(Host host) {
        return new VmAddress(host, -1, -1);
    }
}
