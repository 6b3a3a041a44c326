package org.seawallsim.transport.tcp;

/** Congestion control of one TCP flow. Loss recovery is NewReno (RFC 5681 + RFC 6582) for all three. */
public enum TcpVariant {
    /** RFC 5681 slow start and congestion avoidance, halving on loss. */
    NEWRENO("tcp-newreno"),
    /** RFC 8312 cubic window growth with the TCP-friendly region, beta 0.7. */
    CUBIC("tcp-cubic"),
    /** RFC 8257: ECN-capable, cuts in proportion to the fraction of CE-marked bytes, once per window. */
    DCTCP("tcp-dctcp");

    private final String protocolName;

    TcpVariant(String protocolName) {
        this.protocolName = protocolName;
    }

    /** Name used in {@link org.seawallsim.transport.FlowInfo#protocol()} and in result files. */
    public String protocolName() {
        return protocolName;
    }
}
