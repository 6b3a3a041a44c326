package org.seawallsim.baseline;

import java.util.Map;
import java.util.Set;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;

/**
 * Base of the schemes that enforce per-tenant weights inside switches (rate limiting, DRR). Switches see tenants,
 * not VMs, so these schemes keep each tenant's weight as the sum of its VMs' and re-apply it whenever a VM joins,
 * leaves or is re-weighted. They also keep where each VM's flows go ({@link TenantWeights#weightsAt}), for the
 * schemes that weigh a tenant per port by the VMs whose traffic crosses it.
 */
public abstract class TenantWeightedScheme implements IsolationScheme {
    protected final TenantWeights weights = new TenantWeights();

    @Override
    public final void setWeight(int vmId, double weight) {
        weights.setVmWeight(vmId, weight);
        refresh();
    }

    @Override
    public final void vmJoined(VmInfo vm) {
        weights.put(vm);
        refresh();
    }

    @Override
    public final void vmLeft(int vmId) {
        weights.remove(vmId);
        refresh();
    }

    @Override
    public final void vmPorts(int vmId, Map<EgressPort, Double> flowShareByPort) {
        Set<EgressPort> touched = weights.setVmPorts(vmId, flowShareByPort);
        if (touched == null) {
            refresh();
        } else if (!touched.isEmpty()) {
            portsChanged(touched);
        }
    }

    /** Re-applies the current tenant weights to whatever the scheme has installed. */
    protected abstract void refresh();

    /**
     * The per-port tenant weights ({@link TenantWeights#weightsAt}) of {@code ports} may have changed; the rest are
     * as they were. Nothing by default: a scheme that uses only the tenants' total weights has nothing to redo.
     */
    protected void portsChanged(Set<EgressPort> ports) {
    }
}
