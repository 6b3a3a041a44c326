package org.seawallsim.baseline;

import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;

/**
 * Base of the schemes that enforce per-tenant weights inside switches (rate limiting, DRR). Switches see tenants,
 * not VMs, so these schemes keep each tenant's weight as the sum of its VMs' and re-apply it whenever a VM joins,
 * leaves or is re-weighted.
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

    /** Re-applies the current tenant weights to whatever the scheme has installed. */
    protected abstract void refresh();
}
