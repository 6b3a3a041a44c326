package org.seawallsim.baseline.qcn;

/**
 * The fields of an 802.1Qau congestion notification message a simulator needs, carried as the control payload of a
 * {@link org.seawallsim.engine.packet.Packet#KIND_CNM} frame: which flow was sampled (the standard copies the sampled
 * frame's header into the CNM, from which the reaction point finds its rate limiter), the quantized feedback and
 * the raw queue offset and delta, and the congestion point's name.
 *
 * @param flowHash    5-tuple hash of the sampled frame (identifies its rate limiter at the source NIC)
 * @param flowId      flow id of the sampled frame (-1 if unset)
 * @param qntzFb      quantized feedback, 1..63
 * @param qOffBytes   Qeq - Q at the sample (negative: queue above the set point)
 * @param qDeltaBytes Q - Qold
 * @param cpName      the congestion point (its egress port's name)
 */
public record Cnm(long flowHash, int flowId, int qntzFb, long qOffBytes, long qDeltaBytes, String cpName) {
}
