package org.seawallsim.baseline.drr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seawallsim.baseline.TenantWeightedScheme;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.scheme.VmInfo;

/**
 * The "drr" baseline: every switch egress port schedules a fixed number of per-tenant queues by deficit round robin
 * with quanta proportional to weight. Work conserving and exact while each tenant has its own queue; with more
 * tenants than queues, tenants that share a queue fall back to per-flow competition inside it, which is the
 * scalability failure the Seawall paper attributes to per-tenant queues in switches. Host NICs are unchanged.
 *
 * <p>Weights per port: a tenant's queue on a port weighs the tenant's sending VMs whose flows cross that port, each
 * with its weight times the fraction of its flows there ({@link org.seawallsim.baseline.TenantWeights#weightsAt}),
 * kept up to date as flows start and stop and as VMs join, leave or are re-weighted. An operator could configure
 * the same from the VMs' placement and destinations and the switches' routing (ECMP hash included). Data paths only:
 * the ideal counts a flow's acknowledgements as load on the links they cross, not as a claim, and a queue with no
 * weight on a port keeps the base quantum, so they still flow. With every sending VM counted on every port, a tenant
 * with one VM across a ToR uplink and another inside the rack got twice an equal tenant's share of the uplink
 * (638.1 against 319.0 Mb/s, ideal 478.5 each). Where one VM's paths meet different bottlenecks the ideal moves the
 * weight of a path stopped at its bottleneck to the VM's other paths; the quanta keep the split by flows.
 */
public final class DrrScheme extends TenantWeightedScheme {
    private final DrrConfig config;
    private DrrPlan plan;
    private final List<DrrQueue> queues = new ArrayList<>();
    /** Each switch port's DRR discipline, filled at install (the ports are attached by then). */
    private final Map<EgressPort, DrrQueue> queueOfPort = new IdentityHashMap<>();

    public DrrScheme(DrrConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("drr config must not be null");
        }
        this.config = config;
    }

    @Override
    public String name() {
        return "drr";
    }

    public DrrConfig config() {
        return config;
    }

    @Override
    public QueueFactory switchQueues(QueueFactory base) {
        return (portName, owner, rateBps) -> {
            if (!(owner instanceof Switch sw)) {
                return base.create(portName, owner, rateBps);
            }
            DrrPlan shared = plan(sw.context());
            QueueDiscipline plain = base.create(portName, owner, rateBps);
            long bufferBytes = plain.capacityBytes();
            long cap = config.queueBytes() > 0 ? config.queueBytes() : bufferBytes;
            // The switches' ECN marking (topology.ecnThresholdBytes, and the drop of non-ECT packets where they would
            // be marked, topology.nonEctAboveThreshold) applies to each tenant queue.
            DrrQueue q = new DrrQueue(shared, cap, bufferBytes, plain.ecnThresholdBytes(),
                    plain.dropsNonEctAboveThreshold());
            queues.add(q);
            return q;
        };
    }

    @Override
    public void install(Network net, List<VmInfo> vms) {
        weights.setAll(vms);
        for (DrrQueue q : queues) {
            queueOfPort.put(q.port(), q);
        }
        plan(net.context());
        refresh();
    }

    /** The one tenant-to-queue map all ports share, made by the first port built (or by install). */
    private DrrPlan plan(SimContext ctx) {
        if (plan == null) {
            plan = new DrrPlan(config, weights, ctx.random().seedFor("baseline/drr/tenant-queue-map"));
        }
        return plan;
    }

    @Override
    protected void refresh() {
        if (plan != null) {
            plan.refresh();
            for (DrrQueue q : queues) {
                if (q.port() != null) {
                    q.setQuanta(plan.quanta(weights.weightsAt(q.port())));
                }
            }
        }
    }

    @Override
    protected void portsChanged(Set<EgressPort> ports) {
        if (plan == null) {
            return;
        }
        for (EgressPort p : ports) {
            DrrQueue q = queueOfPort.get(p);
            if (q != null) {
                q.setQuanta(plan.quanta(weights.weightsAt(p)));
            }
        }
    }

    /** The shared tenant-to-queue map and quanta (null before the first switch port or install). */
    public DrrPlan plan() {
        return plan;
    }

    /** The DRR discipline of every switch egress port, in build order. */
    public List<DrrQueue> queues() {
        return Collections.unmodifiableList(queues);
    }
}
