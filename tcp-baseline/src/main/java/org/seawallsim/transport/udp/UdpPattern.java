package org.seawallsim.transport.udp;

/**
 * When a UDP source sends. Rates count wire bytes (Ethernet framing, preamble and gap included), so a rate equal to
 * the NIC's line rate keeps the NIC exactly busy and its queue empty. A UDP source never backs off.
 */
public sealed interface UdpPattern {
    /** Constant bit rate: one datagram every wire-size / rate. */
    record Cbr(long rateBps) implements UdpPattern {
        public Cbr {
            if (rateBps <= 0) {
                throw new IllegalArgumentException("CBR rateBps must be > 0, got " + rateBps);
            }
        }
    }

    /** A flood at exactly the sending host's NIC rate, paced back to back. */
    record LineRate() implements UdpPattern {
    }

    /**
     * CBR at {@code rateBps} during on periods, silent during off periods; period lengths are exponential with the
     * given means if {@code exponential}, fixed otherwise. Starts with an on period.
     */
    record OnOff(long rateBps, long meanOnPs, long meanOffPs, boolean exponential) implements UdpPattern {
        public OnOff {
            if (rateBps <= 0) {
                throw new IllegalArgumentException("on/off rateBps must be > 0, got " + rateBps);
            }
            if (meanOnPs <= 0 || meanOffPs <= 0) {
                throw new IllegalArgumentException(
                        "on/off periods must be > 0 ps, got on=" + meanOnPs + " off=" + meanOffPs);
            }
        }
    }

    /** Poisson packet arrivals with mean rate {@code meanRateBps} (exponential gaps). */
    record Poisson(long meanRateBps) implements UdpPattern {
        public Poisson {
            if (meanRateBps <= 0) {
                throw new IllegalArgumentException("Poisson meanRateBps must be > 0, got " + meanRateBps);
            }
        }
    }
}
