package org.seawallsim.baseline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.seawallsim.engine.net.EgressPort;
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
 * <p>Per port ({@link #weightsAt}): a tenant's weight on one port counts only the VMs whose flows cross that port,
 * each with its weight times the fraction of its flows there ({@link #setVmPorts}), as the weighted max-min ideal
 * counts a VM on the links its data crosses and splits its weight over its paths by flows. Counting every sending VM
 * on every port gave a tenant with one VM across a ToR uplink and one inside the rack twice the uplink share of an
 * equal tenant (DRR: 638.1 against 319.0 Mb/s where the ideal is 478.5 each). A VM whose ports were never given
 * counts on every port, as a scheme without routing knowledge must assume.
 *
 * <p>Not thread-safe; one per run, filled at install time and updated by weight changes and joins.
 */
public final class TenantWeights {
    private final Map<Integer, VmInfo> vms = new HashMap<>();
    private final Map<Integer, String> tenantNames = new HashMap<>();
    private double[] weightByTenant = new double[0];
    private double totalWeight;
    /** Per tenant, the weights of its sending VMs whose ports were never given (they count on every port). */
    private double[] untoldByTenant = new double[0];
    /** Per VM whose ports were given, the fraction of its flows crossing each port (empty: sends nowhere). */
    private final Map<Integer, Map<EgressPort, Double>> sharesOfVm = new HashMap<>();
    /** Per port, the VMs whose flows cross it and their fraction (by VM id: sums in a fixed order). */
    private final Map<EgressPort, TreeMap<Integer, Double>> vmSharesAtPort = new IdentityHashMap<>();

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
        double[] untold = new double[maxTenant + 1];
        double total = 0;
        for (VmInfo vm : vms.values()) {
            if (vm.tenantId() < 0) {
                throw new IllegalArgumentException("VM '" + vm.name() + "': tenantId must be >= 0, got "
                        + vm.tenantId());
            }
            if (vm.sends()) {
                w[vm.tenantId()] += vm.weight();
                total += vm.weight();
                if (!sharesOfVm.containsKey(vm.id())) {
                    untold[vm.tenantId()] += vm.weight();
                }
            }
            tenantNames.put(vm.tenantId(), vm.tenantName());
        }
        weightByTenant = w;
        untoldByTenant = untold;
        totalWeight = total;
    }

    /**
     * Where VM {@code vmId}'s flows go: the fraction of them crossing each port (the VM need not be in: a VM that
     * left keeps what it was told until its flows change). Returns the ports whose weights this may change: those
     * the VM crossed before and those it crosses now (every port, as null, if the VM had never been told).
     */
    public Set<EgressPort> setVmPorts(int vmId, Map<EgressPort, Double> flowShareByPort) {
        Map<EgressPort, Double> old = sharesOfVm.put(vmId, Map.copyOf(flowShareByPort));
        Set<EgressPort> touched = old == null ? null : new LinkedHashSet<>(old.keySet());
        if (old != null) {
            for (EgressPort p : old.keySet()) {
                TreeMap<Integer, Double> at = vmSharesAtPort.get(p);
                at.remove(vmId);
                if (at.isEmpty()) {
                    vmSharesAtPort.remove(p);
                }
            }
        }
        for (Map.Entry<EgressPort, Double> e : flowShareByPort.entrySet()) {
            double share = e.getValue();
            if (!(share > 0) || share > 1 + 1e-9) {
                throw new IllegalArgumentException("VM " + vmId + ": flow share on port " + e.getKey().name()
                        + " must be in (0, 1], got " + share);
            }
            vmSharesAtPort.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(vmId, share);
            if (touched != null) {
                touched.add(e.getKey());
            }
        }
        if (old == null) {
            recompute(); // the VM no longer counts on every port
        }
        return touched;
    }

    /**
     * Per tenant (indexed as {@link #weight}), its weight on {@code port}: its sending VMs that are in and whose
     * flows cross the port, each with its weight times the fraction of its flows there, plus its VMs whose ports
     * were never given. A tenant only receiving on the port (its acknowledgements) weighs 0 there: the ideal counts
     * acknowledgements as load on a link, not as a claim to a share of it.
     */
    public double[] weightsAt(EgressPort port) {
        double[] w = untoldByTenant.clone();
        TreeMap<Integer, Double> at = vmSharesAtPort.get(port);
        if (at != null) {
            for (Map.Entry<Integer, Double> e : at.entrySet()) {
                VmInfo vm = vms.get(e.getKey());
                if (vm != null && vm.sends() && vm.tenantId() < w.length) {
                    w[vm.tenantId()] += vm.weight() * e.getValue();
                }
            }
        }
        return w;
    }

    /** True if the tenant has at least one VM that sends. */
    public boolean known(int tenant) {
        return tenant >= 0 && tenant < weightByTenant.length && weightByTenant[tenant] > 0;
    }

    /** Sum of the weights of the tenant's VMs that send, 0 if none. */
    public double weight(int tenant) {
        return tenant >= 0 && tenant < weightByTenant.length ? weightByTenant[tenant] : 0;
    }

    /** Per tenant, {@link #weight} (a copy). */
    public double[] weightsOfTenants() {
        return weightByTenant.clone();
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
