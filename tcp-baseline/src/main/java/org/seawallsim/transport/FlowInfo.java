package org.seawallsim.transport;

/**
 * Identity of one flow as recorders see it, created once when the flow is created (never per packet).
 *
 * @param flowId dense id, unique within a {@link org.seawallsim.transport.stack.Transports} instance, carried in every packet of the flow
 * @param label free text from the flow's configuration (scenario naming), may be empty
 * @param protocol "tcp-newreno", "tcp-cubic", "tcp-dctcp" or "udp"
 */
public record FlowInfo(int flowId, String label, String protocol, int srcHost, int dstHost, int srcVm, int dstVm,
        int tenant) {
}
