package org.seawallsim.engine.probe;

import org.seawallsim.engine.packet.Packet;

/**
 * What the network substrate emits. Models call these through {@link ProbeBus}; recorders implement the ones they
 * care about and decide what to keep. Models never keep statistics of their own for reporting.
 */
public interface NetProbe {
    /** A host put a packet onto its NIC (after its hypervisor shim). */
    default void onHostSend(NetElement host, Packet p) {
    }

    /** A packet was accepted into an egress queue; {@code queueBytes} is the occupancy after it. */
    default void onEnqueue(NetElement port, Packet p, long queueBytes) {
    }

    /** A packet left an egress queue and began serialization. */
    default void onDequeue(NetElement port, Packet p, long queueBytes) {
    }

    /** A packet finished serialization and entered the link's propagation delay. */
    default void onTransmit(NetElement port, Packet p) {
    }

    /** A queue set the CE codepoint. */
    default void onMark(NetElement port, Packet p) {
    }

    /** A packet was dropped; {@code where} is the element's stable name. */
    default void onDrop(String where, Packet p, DropReason reason) {
    }

    /** A packet was handed to its endpoint at the destination host (after the hypervisor shim). */
    default void onDeliver(NetElement host, Packet p) {
    }
}
