/**
 * Seawall's SW-ports as plain Java, generic in the packet type through
 * {@link org.seawallsim.seawall.port.HeaderView}: the sender port (classification, per-tunnel sequence stamping,
 * token buckets with bounded per-tunnel queues served round-robin, block control), the receiver port (loss from
 * sequence gaps, ECN marks, periodic feedback, restoring the packet, detecting sources that ignore Seawall) and the
 * hypervisor CPU cost model.
 */
package org.seawallsim.seawall.port;
