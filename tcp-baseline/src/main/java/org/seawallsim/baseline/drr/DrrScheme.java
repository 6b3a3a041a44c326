package org.seawallsim.baseline.drr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seawallsim.baseline.TenantWeightedScheme;
import org.seawallsim.engine.SimContext;
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
 */
public final class DrrScheme extends TenantWeightedScheme {
    private final DrrConfig config;
    private DrrPlan plan;
    private final List<DrrQueue> queues = new ArrayList<>();

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
        plan(net.context()).refresh();
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
