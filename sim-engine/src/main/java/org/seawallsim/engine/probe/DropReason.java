package org.seawallsim.engine.probe;

/** Why a packet left the network without being delivered. Every drop is reported with one. */
public enum DropReason {
    /** Tail drop: the egress queue had no room. */
    QUEUE_FULL,
    /** Shared buffer: the port exceeded its dynamic threshold or the pool was exhausted. */
    SHARED_BUFFER,
    /** RED dropped a non-ECN-capable packet early. */
    RED_EARLY,
    /** A token-bucket policer found the packet out of profile. */
    POLICER,
    /** An installed filter (for example against a compromised hypervisor) blocked the packet. */
    FILTER,
    /** Loss injected on purpose (random loss models). */
    INJECTED_LOSS,
    /** A hypervisor shim dropped the packet locally (for example its rate-limiter queue overflowed). */
    SHIM,
    /**
     * A host's send or receive path was a full ring behind: its hypervisor could not keep up with what its VMs sent,
     * or with what arrived for them.
     */
    HOST_RING,
    /** No route to the destination, or a packet arrived at the wrong host. */
    NO_ROUTE,
    /**
     * A packet that is not ECN-capable, dropped above the ECN marking threshold where an ECN-capable one would have
     * been marked (RFC 3168 section 7; only when the queue is told to, see {@code FifoQueue.withNonEctDrop}).
     */
    NOT_ECT_ABOVE_THRESHOLD
}
