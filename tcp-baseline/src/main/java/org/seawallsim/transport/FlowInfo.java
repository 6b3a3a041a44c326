package org.seawallsim.transport;

/**
 * Identity of one flow as recorders see it, created once when the flow is created (never per packet).
 *
 * @param flowId dense id, unique within a {@link org.seawallsim.transport.stack.Transports} instance, carried in every packet of the flow
 * @param label free text from the flow's configuration (scenario naming), may be empty
 * @param protocol "tcp-newreno", "tcp-cubic", "tcp-dctcp" or "udp"
 * @param flowHash the ECMP hash every data packet of the flow carries (sender to receiver), so that a recorder can
 *        trace the flow's path when it starts, whether or not any of its packets ever gets through
 * @param reverseFlowHash the ECMP hash of the flow's packets from receiver to sender (TCP's acknowledgements, whose
 *        5-tuple is the data's reversed), so that the path the acknowledgements take can be traced too
 */
public record FlowInfo(int flowId, String label, String protocol, int srcHost, int dstHost, int srcVm, int dstVm,
        int tenant, long flowHash, long reverseFlowHash) {
}
