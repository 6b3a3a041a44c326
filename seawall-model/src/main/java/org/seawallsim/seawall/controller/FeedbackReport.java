package org.seawallsim.seawall.controller;

/**
 * One receiver-to-sender congestion report for one tunnel and one interval T. The field list is our
 * reconstruction; {@link #WIRE_PAYLOAD_BYTES} is what it would occupy in a real UDP datagram.
 *
 * @param srcVm             the tunnel's source VM
 * @param srcHost           the host of the source VM (where the report goes)
 * @param dstHost           the reporting (destination) host
 * @param intervalIndex     the receiver's interval counter, to spot lost reports
 * @param intervalPs        length of the interval covered
 * @param packets           packets received in the interval
 * @param bytes             IP bytes received in the interval
 * @param lost              sequence numbers declared lost in the interval (gaps beyond the reorder tolerance)
 * @param marked            packets that arrived with ECN CE
 * @param lastCongestedSeq  the highest 16-bit sequence number lost or marked in the interval (-1 if none), so
 *                          the sender can ignore congestion caused before its last decrease
 * @param highestSeq        highest 16-bit sequence number received (-1 if none)
 * @param sharedCongestion  the tunnel lost nothing this interval, but another tunnel into the same receiver did,
 *                          and this one has itself lost packets recently: it very likely shares that bottleneck
 *                          (see PortConfig.coupleIntervals)
 */
public record FeedbackReport(int srcVm, int srcHost, int dstHost, long intervalIndex, long intervalPs,
                             long packets, long bytes, long lost, long marked, int lastCongestedSeq, int highestSeq,
                             boolean sharedCongestion) {
    /**
     * Payload of the report in bytes: vm 4, hosts 2x4, interval index 4, interval 4, packets 4, bytes 8, lost 4,
     * marked 4, two sequence numbers 2x2, flags 2.
     */
    public static final int WIRE_PAYLOAD_BYTES = 46;
    /** IPv4 20 + UDP 8 + payload: the IP datagram size of one report. */
    public static final int IP_DATAGRAM_BYTES = 20 + 8 + WIRE_PAYLOAD_BYTES;

    public boolean congested() {
        return lost > 0 || marked > 0 || sharedCongestion;
    }

    public long tunnelKey() {
        return Tunnels.key(srcVm, dstHost);
    }
}
