package org.seawallsim.transport.tcp;

import org.seawallsim.transport.VmAddress;

/**
 * One TCP flow between two VMs: who talks to whom, with which TCP, and how much the application sends.
 *
 * @param src the sending VM
 * @param dst the receiving VM
 * @param tcp protocol knobs (variant, MSS, RTO, ...)
 * @param sizeBytes bytes the application writes at start: {@link #BULK} for an infinite transfer, a positive size
 *     for a sized flow (its completion is reported with the flow completion time), or 0 for an application that
 *     writes later through {@link TcpFlow#write(long)}
 * @param label free text carried into {@link org.seawallsim.transport.FlowInfo} for recorders
 */
public record TcpFlowConfig(VmAddress src, VmAddress dst, TcpConfig tcp, long sizeBytes, String label) {
    /** Size of an infinite bulk transfer. */
    public static final long BULK = Long.MAX_VALUE;

    public TcpFlowConfig {
        if (src == null || dst == null) {
            throw new IllegalArgumentException("src and dst must not be null");
        }
        if (src.host() == dst.host()) {
            throw new IllegalArgumentException("src and dst must be on different hosts, both on "
                    + src.host().name() + " (intra-host traffic does not cross the network)");
        }
        if (tcp == null) {
            throw new IllegalArgumentException("tcp config must not be null");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0 (or BULK), got " + sizeBytes);
        }
        label = label == null ? "" : label;
    }

    /** An infinite bulk transfer. */
    public static TcpFlowConfig bulk(VmAddress src, VmAddress dst, TcpConfig tcp) {
        return new TcpFlowConfig(src, dst, tcp, BULK, "");
    }

    /** A transfer of {@code sizeBytes} whose completion time is reported. */
    public static TcpFlowConfig sized(VmAddress src, VmAddress dst, TcpConfig tcp, long sizeBytes) {
        if (sizeBytes <= 0 || sizeBytes == BULK) {
            throw new IllegalArgumentException("a sized flow needs 0 < sizeBytes < BULK, got " + sizeBytes);
        }
        return new TcpFlowConfig(src, dst, tcp, sizeBytes, "");
    }

    public TcpFlowConfig withLabel(String newLabel) {
        return new TcpFlowConfig(src, dst, tcp, sizeBytes, newLabel);
    }

    public boolean isBulk() {
        return sizeBytes == BULK;
    }
}
