package org.seawallsim.transport.udp;

import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.transport.VmAddress;

/**
 * One UDP source and its sink.
 *
 * @param payloadBytes UDP payload per datagram; 1472 fills a 1500-B MTU
 * @param label free text carried into {@link org.seawallsim.transport.FlowInfo}
 */
public record UdpFlowConfig(VmAddress src, VmAddress dst, UdpPattern pattern, int payloadBytes, String label) {
    /** Payload that fills a 1500-B IP datagram. */
    public static final int FULL_PAYLOAD = Ethernet.MTU_BYTES - Ethernet.IPV4_HEADER_BYTES - Ethernet.UDP_HEADER_BYTES;

    public UdpFlowConfig {
        if (src == null || dst == null || pattern == null) {
            throw new IllegalArgumentException("src, dst and pattern must not be null");
        }
        if (src.host() == dst.host()) {
            throw new IllegalArgumentException("src and dst must be on different hosts, both on " + src.host().name());
        }
        if (payloadBytes < 1 || payloadBytes > 9000) {
            throw new IllegalArgumentException("payloadBytes must be in [1, 9000], got " + payloadBytes);
        }
        label = label == null ? "" : label;
    }

    public static UdpFlowConfig flood(VmAddress src, VmAddress dst) {
        return new UdpFlowConfig(src, dst, new UdpPattern.LineRate(), FULL_PAYLOAD, "");
    }

    public static UdpFlowConfig cbr(VmAddress src, VmAddress dst, long rateBps) {
        return new UdpFlowConfig(src, dst, new UdpPattern.Cbr(rateBps), FULL_PAYLOAD, "");
    }

    public UdpFlowConfig withLabel(String newLabel) {
        return new UdpFlowConfig(src, dst, pattern, payloadBytes, newLabel);
    }

    public int sizeBytes() {
        return payloadBytes + Ethernet.IPV4_HEADER_BYTES + Ethernet.UDP_HEADER_BYTES;
    }
}
