package org.seawallsim.baseline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.scheme.VmInfo;

/**
 * Tenant weights as the in-network baselines see them. Switches know tenants, not VMs, so a tenant's weight is the
 * sum of the weights of its VMs that send ({@link VmInfo#sends()}: the VMs the weighted max-min ideal gives a share;
 * a VM that only receives would otherwise raise its tenant's share, so a tenant with one sender and an idle VM got
 * 3:2 against an equal tenant). A tenant none of whose VMs sends has weight 0, which the schemes do not starve: the
 * rate limiter leaves it unlimited and DRR gives its queue the base quantum, so its ACKs still flow. Its share of a
 * port is that weight over the sum of all tenants' weights (a static reservation: tenants that are idle still hold
 * their share). Tenant ids are the dense ids of {@link VmInfo}.
 *
 * <p>Not thread-safe; one per run, filled at install time and updated by weight changes and joins.
 */
public final class TenantWeights {
    private final Map<Integer, VmInfo> vms = new HashMap<>();
    private final Map<Integer, String> tenantNames = new HashMap<>();
    private double[] weightByTenant = new double[0];
    private double totalWeight;

    public void setAll(List<VmInfo> list) {
        vms.clear();
        tenantNames.clear();
        for (VmInfo vm : list) {
            vms.put(vm.id(), vm);
        }
        recompute();
    }

    public void put(VmInfo vm) {
        vms.put(vm.id(), vm);
        recompute();
    }

    public void remove(int vmId) {
        vms.remove(vmId);
        recompute();
    }

    /** Changes one VM's weight; unknown VM ids are an error. */
    public void setVmWeight(int vmId, double weight) {
        VmInfo vm = vms.get(vmId);
        if (vm == null) {
            throw new IllegalArgumentException("vmId " + vmId + " is not a known VM (known: " + vms.keySet() + ")");
        }
        vms.put(vmId, vm.withWeight(weight));
        recompute();
    }

    private void recompute() {
        int maxTenant = -1;
        for (VmInfo vm : vms.values()) {
            maxTenant = Math.max(maxTenant, vm.tenantId());
        }
        double[] w = new double[maxTenant + 1];
        double total = 0;
        for (VmInfo vm : vms.values()) {
            if (vm.tenantId() < 0) {
                throw new IllegalArgumentException("VM '" + vm.name() + "': tenantId must be >= 0, got "
                        + vm.tenantId());
            }
            if (vm.sends()) {
                w[vm.tenantId()] += vm.weight();
                total += vm.weight();
            }
            tenantNames.put(vm.tenantId(), vm.tenantName());
        }
        weightByTenant = w;
        totalWeight = total;
    }

    /** True if the tenant has at least one VM that sends. */
    public boolean known(int tenant) {
        return tenant >= 0 && tenant < weightByTenant.length && weightByTenant[tenant] > 0;
    }

    /** Sum of the weights of the tenant's VMs that send, 0 if none. */
    public double weight(int tenant) {
        return tenant >= 0 && tenant < weightByTenant.length ? weightByTenant[tenant] : 0;
    }

    /** Weight over the sum of all weights, 0 for an unknown tenant. */
    public double share(int tenant) {
        return totalWeight > 0 ? weight(tenant) / totalWeight : 0;
    }

    /** One past the largest tenant id seen. */
    public int tenantCount() {
        return weightByTenant.length;
    }

    /** The tenant's name, or null. */
    public String name(int tenant) {
        return tenantNames.get(tenant);
    }

    /** Tenant id for a name, or -1. */
    public int idOf(String tenantName) {
        for (Map.Entry<Integer, String> e : tenantNames.entrySet()) {
            if (e.getValue().equals(tenantName)) {
                return e.getKey();
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "TenantWeights" + Arrays.toString(weightByTenant);
    }
}
