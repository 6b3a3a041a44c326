package org.seawallsim.engine.net;

/**
 * Timing of a real server between its VMs and the wire: the hypervisor's per-packet service time on the send and
 * receive paths, scheduler jitter on the send path, and NIC receive interrupt coalescing. With every term zero
 * ({@link #OFF}) the host hands packets straight through, exactly as before this model existed.
 *
 * <p>Why it matters: with equal NIC and link rates and exact timing, paced senders phase-lock at drop-tail queues
 * (a sender whose packets always arrive just after a departure always finds the queue full). Real hosts do not,
 * because their send instants carry the jitter modelled here.
 *
 * <p>Where the defaults ({@link #defaults1GbE()}) come from:
 * <ul>
 * <li>Receive coalescing, 18 us or 12 frames, whichever first: the Linux bnx2 driver's defaults
 * ({@code bnx2_init_board}: {@code rx_ticks = 18}, {@code rx_quick_cons_trip = 12}; ethtool rx-usecs / rx-frames)
 * for the Broadcom NetXtreme II BCM5706/5708/5709 1 GbE controllers common in 2010-era servers. Intel's e1000e
 * instead adapts its interrupt rate (InterruptThrottleRate=3, between 4 000 and 20 000 interrupts/s, i.e. 50-250 us
 * under bulk load); the fixed bnx2 pair is the simpler, documented choice.</li>
 * <li>Hypervisor service per packet, 1 us + 1 ns per byte, on each path (2.5 us for a full frame): the per-byte
 * term is the one the E7 cost model ({@code HypervisorCostModel} in seawall-model) assumes for memory and checksum
 * work; the 1 us per-packet term is ours. It only has to be well under the 12.3 us a full frame takes on a 1 GbE
 * wire, since the Seawall testbed's hosts reached line rate without Seawall; the SW-port's own calibrated cost
 * (843 Mb/s with bit stealing) stays in the Seawall model and comes on top when selected.</li>
 * <li>Send jitter, uniform in [0, 5 us] per packet, added to its service time: ours. It stands for scheduler and
 * softirq wake-up variance on a dedicated core, a few microseconds; measurements on shared cores (Wang and Ng,
 * "The Impact of Virtualization on Network Performance of Amazon EC2 Data Center", INFOCOM 2010) found delay
 * variation up to tens of milliseconds, which the testbed's dedicated servers did not have. 5 us is under half a
 * frame time, enough to break exact periodicity without changing any rate.</li>
 * <li>NIC clock, within +-100 ppm: IEEE 802.3 allows a 1000BASE-T transmitter's 125 MHz symbol clock a tolerance
 * of 0.01 %. Drawing each host's offset from the whole band is our choice (real oscillators are often closer). The
 * jitter above acts before the NIC, so it cannot move packets that wait in a backlogged NIC queue; the clock offset
 * is what keeps two backlogged 1 GbE senders from arriving at a 1 Gb/s switch port in a fixed phase forever.</li>
 * </ul>
 *
 * @param servicePerPacketPs hypervisor CPU time per packet, on each path
 * @param servicePerBytePs   hypervisor CPU time per IP byte (encapsulation included), on each path
 * @param sendJitterPs       each sent packet's service takes an extra uniform [0, sendJitterPs]
 * @param rxCoalescePs       a received packet waits at most this long for its interrupt (rx-usecs); 0 = no timer
 * @param rxCoalesceFrames   an interrupt fires once this many packets wait (rx-frames); 1 = every packet
 * @param nicClockPpm        each host's NIC serializes at its nominal rate times (1 + u * 1e-6 * nicClockPpm), u
 *                           uniform in [-1, 1] from the host's own stream: oscillators are not exact, and two NICs
 *                           that both send back to back drift in phase against each other instead of staying locked
 */
public record HostTimingConfig(long servicePerPacketPs, long servicePerBytePs, long sendJitterPs, long rxCoalescePs,
                               int rxCoalesceFrames, double nicClockPpm) {
    /** No host timing: packets pass between VMs and the wire at once. */
    public static final HostTimingConfig OFF = new HostTimingConfig(0, 0, 0, 0, 1, 0);

    /** Without a NIC clock offset. */
    public HostTimingConfig(long servicePerPacketPs, long servicePerBytePs, long sendJitterPs, long rxCoalescePs,
                            int rxCoalesceFrames) {
        this(servicePerPacketPs, servicePerBytePs, sendJitterPs, rxCoalescePs, rxCoalesceFrames, 0);
    }

    public HostTimingConfig {
        if (servicePerPacketPs < 0 || servicePerBytePs < 0 || sendJitterPs < 0 || rxCoalescePs < 0) {
            throw new IllegalArgumentException("host timing terms must be >= 0 ps, got servicePerPacket="
                    + servicePerPacketPs + " servicePerByte=" + servicePerBytePs + " sendJitter=" + sendJitterPs
                    + " rxCoalesce=" + rxCoalescePs);
        }
        if (!(nicClockPpm >= 0 && nicClockPpm <= 1000)) {
            throw new IllegalArgumentException("nicClockPpm must be in [0, 1000], got " + nicClockPpm);
        }
        if (rxCoalesceFrames < 1) {
            throw new IllegalArgumentException("rxCoalesceFrames must be >= 1, got " + rxCoalesceFrames);
        }
        if (rxCoalesceFrames > 1 && rxCoalescePs == 0) {
            // Without a timer a lone packet would wait for companions forever.
            throw new IllegalArgumentException("rxCoalesceFrames > 1 needs rxCoalescePs > 0 (a lone packet would wait"
                    + " forever), got " + rxCoalesceFrames + " frames and no timer");
        }
    }

    /** Bnx2 coalescing, 1 us + 1 ns/B service, 5 us send jitter, +-100 ppm NIC clocks (see the class comment). */
    public static HostTimingConfig defaults1GbE() {
        return new HostTimingConfig(1_000_000L, 1_000L, 5_000_000L, 18_000_000L, 12, 100);
    }

    public boolean isOff() {
        return equals(OFF);
    }

    boolean sendsThrough() {
        // The clock offset acts on the NIC port itself, not on this path.
        return servicePerPacketPs == 0 && servicePerBytePs == 0 && sendJitterPs == 0;
    }

    boolean receivesThrough() {
        return servicePerPacketPs == 0 && servicePerBytePs == 0 && rxCoalescePs == 0;
    }
}
