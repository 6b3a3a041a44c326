package org.seawallsim.seawall.port;

/**
 * CPU time the hypervisor's SW-port path spends per packet, with and without the NIC offloads that encapsulation
 * defeats. A packet costs {@code perPacketPs + perBytePs * size}; when the packet is encapsulated the NIC can no
 * longer segment (TSO) or checksum it, so software segmentation adds {@code softwareSegmentPs} per packet and
 * software checksumming {@code softwareChecksumPerBytePs} per byte. The port serves packets no faster than this, so
 * the cost caps a host's throughput when it exceeds the wire time.
 *
 * <h2>Calibration (what {@link #calibrated} does)</h2>
 * The prototype reached 843 Mb/s with bit stealing and 280 Mb/s with encapsulation for one bulk TCP flow on 1 GbE.
 * Both are below the TCP line-rate goodput (1448/1538 of 1 Gb/s = 941 Mb/s), so both are CPU bound: the time per
 * full-size packet is t = payload * 8 / goodput, i.e. t_bs = 1448 * 8 / 843e6 = 13.74 us and
 * t_enc = 1448 * 8 / 280e6 = 41.37 us for 1500-byte datagrams carrying 1448 payload bytes. We fix the two per-byte
 * terms at assumed memory/checksum speeds (1 ns per byte each, about 1 GB/s on the prototype's 2010-era cores) and
 * solve for the per-packet terms: perPacket = t_bs - 1500 * 1 ns = 12.24 us, softwareSegment = t_enc - t_bs
 * - 1500 * 1 ns = 26.13 us. The split between per-packet and per-byte cost is an assumption; only the two sums are
 * pinned by the measurements, so small-packet throughput is a prediction of the model, not a reproduction.
 *
 * @param perPacketPs              fixed SW-port cost per packet (classification, rate limiting, stamping)
 * @param perBytePs                cost per IP byte on every packet
 * @param softwareSegmentPs        extra per-packet cost when TSO is lost (encapsulated packets)
 * @param softwareChecksumPerBytePs extra per-byte cost when checksum offload is lost (encapsulated packets)
 */
public record HypervisorCostModel(long perPacketPs, long perBytePs, long softwareSegmentPs,
                                  long softwareChecksumPerBytePs) {
    public HypervisorCostModel {
        if (perPacketPs < 0 || perBytePs < 0 || softwareSegmentPs < 0 || softwareChecksumPerBytePs < 0) {
            throw new IllegalArgumentException("cost terms must be >= 0 ps, got perPacket=" + perPacketPs
                    + " perByte=" + perBytePs + " softwareSegment=" + softwareSegmentPs + " softwareChecksumPerByte="
                    + softwareChecksumPerBytePs);
        }
    }

    /** No CPU limit at all (an idealized hypervisor). */
    public static final HypervisorCostModel FREE = new HypervisorCostModel(0, 0, 0, 0);

    /**
     * Solves the per-packet terms so that full-size packets of {@code datagramBytes} carrying {@code payloadBytes}
     * reach the two target goodputs (see the class comment), with the per-byte terms fixed.
     */
    public static HypervisorCostModel calibrated(double bitStealingGoodputBps, double encapsulationGoodputBps,
                                                 int datagramBytes, int payloadBytes, long perBytePs,
                                                 long softwareChecksumPerBytePs) {
        if (!(bitStealingGoodputBps > encapsulationGoodputBps && encapsulationGoodputBps > 0)) {
            throw new IllegalArgumentException("need bitStealingGoodputBps > encapsulationGoodputBps > 0, got "
                    + bitStealingGoodputBps + " and " + encapsulationGoodputBps);
        }
        if (payloadBytes <= 0 || datagramBytes < payloadBytes) {
            throw new IllegalArgumentException("need 0 < payloadBytes <= datagramBytes, got " + payloadBytes + " and "
                    + datagramBytes);
        }
        double tBs = payloadBytes * 8.0 * 1e12 / bitStealingGoodputBps;
        double tEnc = payloadBytes * 8.0 * 1e12 / encapsulationGoodputBps;
        long perPacket = Math.round(tBs - (double) perBytePs * datagramBytes);
        long segment = Math.round(tEnc - tBs - (double) softwareChecksumPerBytePs * datagramBytes);
        if (perPacket < 0 || segment < 0) {
            throw new IllegalArgumentException("per-byte costs too high for the targets: perPacket=" + perPacket
                    + " ps, softwareSegment=" + segment + " ps");
        }
        return new HypervisorCostModel(perPacket, perBytePs, segment, softwareChecksumPerBytePs);
    }

    /** The prototype's 843 / 280 Mb/s for 1500-byte datagrams with 1448-byte TCP payloads (timestamps on). */
    public static HypervisorCostModel prototype1GbE() {
        return calibrated(843e6, 280e6, 1500, 1448, 1000, 1000);
    }

    /** CPU time for one packet of {@code sizeBytes} IP bytes. */
    public long costPs(int sizeBytes, boolean encapsulated) {
        long c = perPacketPs + perBytePs * sizeBytes;
        if (encapsulated) {
            c += softwareSegmentPs + softwareChecksumPerBytePs * sizeBytes;
        }
        return c;
    }
}
