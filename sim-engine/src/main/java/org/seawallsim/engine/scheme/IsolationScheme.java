package org.seawallsim.engine.scheme;

import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueFactory;

/**
 * How a network is made to share bandwidth between tenants: plain TCP (nothing), Seawall (hypervisor shims),
 * in-network rate limiting, per-tenant DRR queues or QCN. A scheme acts in two phases: it may supply the queue
 * disciplines while the topology is built, and it installs shims, filters or NIC parts once the network exists.
 */
public interface IsolationScheme {
    /** Short name used in scenario files and result folders: tcp, seawall, ratelimit, drr, qcn. */
    String name();

    /** Queue disciplines for switch egress ports; {@code base} is what the scenario asked for. */
    default QueueFactory switchQueues(QueueFactory base) {
        return base;
    }

    /** Queue disciplines for host NICs. */
    default QueueFactory nicQueues(QueueFactory base) {
        return base;
    }

    /** Called once the network is built and routed, before any traffic starts. */
    default void install(Network net, List<VmInfo> vms) {
    }

    /** An administrator changes a VM's weight at run time. */
    default void setWeight(int vmId, double weight) {
    }

    /** A VM starts (joins) or stops (leaves) at run time. */
    default void vmJoined(VmInfo vm) {
    }

    default void vmLeft(int vmId) {
    }

    /**
     * Where a VM's traffic goes: for each egress port its data crosses, the fraction of the VM's flows that cross
     * it (its flows as routed, each through every switch's ECMP choice; acknowledgements not included). Called once
     * per VM before traffic starts (an empty map: the VM sends nowhere yet) and whenever its flows' paths change (a
     * flow starts or stops for good). A scheme never told a VM's ports may assume the VM's traffic crosses every
     * port. In-network schemes that weigh tenants per port use it, as an operator would from the VMs' placement and
     * the switches' routing and hash configuration.
     */
    default void vmPorts(int vmId, Map<EgressPort, Double> flowShareByPort) {
    }
}
