package org.seawallsim.baseline.qcn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;

/**
 * The "qcn" baseline (IEEE 802.1Qau): a congestion point around every switch egress queue the scenario builds, and
 * reaction points in every host NIC, which consume CNMs through a {@link QcnHostShim}. QCN allocates per flow, not
 * per tenant, and ignores weights: a tenant with more flows gets more, the failure the Seawall paper attributes to
 * it. Weight changes and joins therefore do nothing.
 */
public final class QcnScheme implements IsolationScheme {
    private final QcnConfig config;
    private final List<CongestionPoint> cps = new ArrayList<>();
    private final List<QcnNicQueue> nics = new ArrayList<>();

    public QcnScheme(QcnConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("qcn config must not be null");
        }
        this.config = config;
    }

    @Override
    public String name() {
        return "qcn";
    }

    public QcnConfig config() {
        return config;
    }

    @Override
    public QueueFactory switchQueues(QueueFactory base) {
        return (portName, owner, rateBps) -> {
            QueueDiscipline inner = base.create(portName, owner, rateBps);
            if (!(owner instanceof Switch sw)) {
                return inner;
            }
            CongestionPoint cp = new CongestionPoint(inner, sw, config.cp(),
                    config.cp().jitterFraction() > 0
                            ? sw.context().random().stream("baseline/qcn/cp/" + portName + "/jitter") : null);
            cps.add(cp);
            return cp;
        };
    }

    @Override
    public QueueFactory nicQueues(QueueFactory base) {
        return (portName, owner, rateBps) -> {
            if (!(owner instanceof Host)) {
                return base.create(portName, owner, rateBps);
            }
            long bufferBytes = base.create(portName, owner, rateBps).capacityBytes();
            long rl = config.rp().rlQueueBytes() > 0 ? config.rp().rlQueueBytes() : bufferBytes;
            QcnNicQueue nic = new QcnNicQueue(config.rp(), rateBps, bufferBytes, rl);
            nics.add(nic);
            return nic;
        };
    }

    @Override
    public void install(Network net, List<VmInfo> vms) {
        for (Host h : net.hosts()) {
            if (h.nic().queue() instanceof QcnNicQueue nic) {
                h.setShim(new QcnHostShim(h.shim(), nic));
            }
        }
    }

    /** Every congestion point, in build order. */
    public List<CongestionPoint> congestionPoints() {
        return Collections.unmodifiableList(cps);
    }

    /** Every host NIC with reaction points, in build order. */
    public List<QcnNicQueue> nics() {
        return Collections.unmodifiableList(nics);
    }
}
