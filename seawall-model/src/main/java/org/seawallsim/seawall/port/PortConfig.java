package org.seawallsim.seawall.port;

import org.seawallsim.seawall.controller.FeedbackReport;

/**
 * SW-port parameters (our choices; see the reference notes).
 *
 * @param queueBytesPerTunnel bound of each tunnel's queue behind its token bucket (IP bytes). 256 KB holds more
 *                            than a guest TCP window's worth at 1 Gb/s and 1 ms of queueing delay, so a limited
 *                            tunnel stays busy after the guest halves its window; overflow is a local drop
 * @param bucketDepthBytes    token bucket depth in wire bytes: two full frames, so pacing is nearly smooth
 * @param nicRateBps          the NIC line rate: the port serves its tunnels round-robin no faster than this
 * @param mode                header mode for the sequence number
 * @param fallback            what happens to packets bit stealing cannot stamp
 * @param reorderTolerance    packets a sequence number may arrive behind a later one before it is declared lost
 *                            (ECMP in one tunnel can reorder by a few packets)
 * @param encapBytes          extra bytes of the encapsulation header: outer IPv4 20 + Seawall header 8
 * @param pacingJitterPs      a rate-limited packet leaves up to this much (uniformly random) after its tokens are
 *                            there, as a hypervisor timer would release it. Perfectly periodic pacing phase-locks
 *                            with a full drop-tail queue: the first packet after each departure takes the freed
 *                            slot, so a slow tunnel, whose packets mostly follow other tunnels' packets, sees a loss
 *                            rate twice that of a fast one. While packets wait, the bucket holds its depth plus
 *                            what the rate accrues over this jitter, so a late wake-up costs no rate: it sends
 *                            what accrued meanwhile at once (SenderPort's Tunnel.cap)
 * @param coupleIntervals     receiver-side shared-bottleneck coupling: in an interval in which some tunnel into this
 *                            host lost packets, every other tunnel into it that lost packets itself within this many
 *                            intervals is reported congested too. A tunnel with few packets per interval misses
 *                            many of the overflow episodes a fast tunnel always sees, and with a fixed cut per
 *                            congested interval that bias hands it more than its weighted share; its own recent
 *                            losses are the evidence that it crosses the same bottleneck. 0 disables
 * @param sparseReportIntervals a tunnel that delivered less than {@link #SPARSE_REPORT_BYTES} in an uncongested
 *                            interval, and saw no loss or mark for {@link #SPARSE_QUIET_INTERVALS}, is reported only
 *                            every this many intervals (congested intervals always at once). A report is a 74-B
 *                            datagram (112 B on the wire), and the reports about the tunnels that carry only guest
 *                            ACKs cross the data direction's bottleneck: in E6 (12 VMs
 *                            sending to 12 over one 1 Gb/s uplink) the 44 ACK tunnels' reports took 39 Mb/s, 3.9 %
 *                            of it, and every VM lost that from its share. The controller loses nothing by it: a
 *                            missing report means no information, the next one's increase covers the time since the
 *                            last (up to 4 intervals), and the sender's silence rule waits 5. 1 (the default)
 *                            reports every interval; ECN-driven feedback uses 3 (SeawallParams). Loss-driven keeps
 *                            1: its detection of a flood at the link rate (rule 3) waits for the rare intervals in
 *                            which the starved victim's retransmissions overflow the queue, and thinning the report
 *                            traffic moved them for one seed (E8, 1 GbE, seed 8: reported at 244 ms, not 162)
 */
public record PortConfig(int queueBytesPerTunnel, int bucketDepthBytes, long nicRateBps, HeaderMode mode,
                         Fallback fallback, int reorderTolerance, int encapBytes, long pacingJitterPs,
                         int coupleIntervals, boolean hypervisorEcn, int sparseReportIntervals) {
    public PortConfig {
        if (queueBytesPerTunnel < 1600) {
            throw new IllegalArgumentException("queueBytesPerTunnel must hold at least one MTU packet (>= 1600), got "
                    + queueBytesPerTunnel);
        }
        if (bucketDepthBytes < 1538) {
            throw new IllegalArgumentException("bucketDepthBytes must hold one full frame (>= 1538), got "
                    + bucketDepthBytes);
        }
        if (nicRateBps <= 0) {
            throw new IllegalArgumentException("nicRateBps must be > 0, got " + nicRateBps);
        }
        if (mode == null || fallback == null) {
            throw new IllegalArgumentException("mode and fallback are required, got " + mode + ", " + fallback);
        }
        if (reorderTolerance < 0 || reorderTolerance > 32) {
            throw new IllegalArgumentException("reorderTolerance must be in [0, 32] packets, got " + reorderTolerance);
        }
        if (pacingJitterPs < 0 || pacingJitterPs > 1_000_000_000L) {
            throw new IllegalArgumentException("pacingJitterPs must be in [0, 1 ms], got " + pacingJitterPs);
        }
        if (coupleIntervals < 0) {
            throw new IllegalArgumentException("coupleIntervals must be >= 0 (0 = off), got " + coupleIntervals);
        }
        if (sparseReportIntervals < 1 || sparseReportIntervals > 4) {
            throw new IllegalArgumentException("sparseReportIntervals must be in [1, 4] (1 = a report every interval;"
                    + " the sender treats 5 silent intervals as congestion), got " + sparseReportIntervals);
        }
        if (encapBytes < 4 || encapBytes > 64) {
            throw new IllegalArgumentException("encapBytes must be in [4, 64], got " + encapBytes);
        }
    }

    public static PortConfig defaults() {
        return new PortConfig(256 * 1024, 2 * 1538, 1_000_000_000L, HeaderMode.BIT_STEALING, Fallback.ENCAPSULATE, 3,
                28, 20_000_000L, 200, false, 1);
    }

    /**
     * Ten times a report's wire size (its datagram plus Ethernet framing, 1538 - 1500 B as for a full frame), 1 120 B:
     * below it an uncongested interval's report may be held back.
     */
    public static final long SPARSE_REPORT_BYTES = 10L * (FeedbackReport.IP_DATAGRAM_BYTES + (1538 - 1500));
    /**
     * Intervals without a loss or mark before a small tunnel's reports may be held back: a guest TCP starved by a
     * flood sends a packet or two per interval, and its source's controller and the destination's detection follow
     * it interval by interval.
     */
    public static final long SPARSE_QUIET_INTERVALS = 1000;

    public PortConfig withSparseReportIntervals(int k) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, nicRateBps, mode, fallback, reorderTolerance,
                encapBytes, pacingJitterPs, coupleIntervals, hypervisorEcn, k);
    }

    public PortConfig withPacingJitterPs(long j) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, nicRateBps, mode, fallback, reorderTolerance,
                encapBytes, j, coupleIntervals, hypervisorEcn, sparseReportIntervals);
    }

    public PortConfig withFallback(Fallback f) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, nicRateBps, mode, f, reorderTolerance,
                encapBytes, pacingJitterPs, coupleIntervals, hypervisorEcn, sparseReportIntervals);
    }

    public PortConfig withReorderTolerance(int r) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, nicRateBps, mode, fallback, r,
                encapBytes, pacingJitterPs, coupleIntervals, hypervisorEcn, sparseReportIntervals);
    }

    public PortConfig withCoupleIntervals(int c) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, nicRateBps, mode, fallback, reorderTolerance,
                encapBytes, pacingJitterPs, c, hypervisorEcn, sparseReportIntervals);
    }

    public PortConfig withMode(HeaderMode m) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, nicRateBps, m, fallback, reorderTolerance,
                encapBytes, pacingJitterPs, coupleIntervals, hypervisorEcn, sparseReportIntervals);
    }

    public PortConfig withNicRateBps(long r) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, r, mode, fallback, reorderTolerance, encapBytes, pacingJitterPs, coupleIntervals, hypervisorEcn, sparseReportIntervals);
    }

    public PortConfig withQueueBytesPerTunnel(int q) {
        return new PortConfig(q, bucketDepthBytes, nicRateBps, mode, fallback, reorderTolerance, encapBytes, pacingJitterPs, coupleIntervals, hypervisorEcn, sparseReportIntervals);
    }

    public PortConfig withHypervisorEcn(boolean on) {
        return new PortConfig(queueBytesPerTunnel, bucketDepthBytes, nicRateBps, mode, fallback, reorderTolerance,
                encapBytes, pacingJitterPs, coupleIntervals, on, sparseReportIntervals);
    }
}
