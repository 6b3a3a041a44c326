package org.seawallsim.seawall.sim;

import org.seawallsim.engine.packet.Packet;
import org.seawallsim.seawall.port.Fallback;
import org.seawallsim.seawall.port.HeaderMode;
import org.seawallsim.seawall.port.HeaderView;

/**
 * The SW-ports' view of a simulator packet. Bit stealing writes the sequence into {@link Packet#ipId} of DF
 * packets, exactly the field the byte-level codec rewrites. Encapsulation adds {@link Packet#encapBytes} on the
 * wire; since simulator packets have no byte buffer, the added header's sequence number rides in the upper 16 bits
 * of the {@code int} ipId field (the real IPv4 ID stays in the lower 16) until the receiver strips it.
 */
final class PacketHeaderView implements HeaderView<Packet> {
    private final int encapBytes;
    private final EcmpPaths paths;

    PacketHeaderView(int encapBytes, EcmpPaths paths) {
        this.encapBytes = encapBytes;
        this.paths = paths;
    }

    @Override
    public int srcVm(Packet p) {
        return p.srcVm;
    }

    @Override
    public int srcHost(Packet p) {
        return p.srcHost;
    }

    @Override
    public int dstHost(Packet p) {
        return p.dstHost;
    }

    @Override
    public int wireBytes(Packet p) {
        return p.wireBytes();
    }

    @Override
    public int sizeBytes(Packet p) {
        return p.sizeBytes + p.encapBytes;
    }

    @Override
    public boolean congestionExperienced(Packet p) {
        return p.ecn == Packet.ECN_CE;
    }

    @Override
    public boolean stamp(Packet p, int seq16, HeaderMode mode, Fallback fallback) {
        if (mode == HeaderMode.BIT_STEALING && p.dontFragment) {
            // Simulated packets are IPv4 and never fragments; DF is the only condition left to check.
            p.ipId = seq16 & 0xFFFF;
            return true;
        }
        if (mode == HeaderMode.BIT_STEALING && fallback == Fallback.PASS_UNTRACKED) {
            return false;
        }
        p.encapBytes = encapBytes;
        p.ipId = (p.ipId & 0xFFFF) | ((seq16 & 0xFFFF) << 16);
        return true;
    }

    @Override
    public int readStamp(Packet p) {
        if (p.encapBytes > 0) {
            return p.ipId >>> 16;
        }
        return p.dontFragment ? p.ipId & 0xFFFF : -1;
    }

    @Override
    public int pathKey(Packet p) {
        return paths == null ? 0 : paths.pathKey(p);
    }

    @Override
    public void restore(Packet p) {
        if (p.encapBytes > 0) {
            p.encapBytes = 0;
            p.ipId &= 0xFFFF;
        }
        // Bit stealing: the ID of an atomic (DF, unfragmented) datagram has no meaning to the receiving stack
        // (RFC 6864), so the stamped value is left in place; nothing else was changed.
    }

    @Override
    public boolean setHypervisorEct(Packet p) {
        if (p.ecn != Packet.ECN_NOT_ECT) {
            return false;
        }
        p.ecn = Packet.ECN_ECT1;
        return true;
    }

    @Override
    public boolean guestEct(Packet p) {
        return p.ecn == Packet.ECN_ECT0;
    }

    @Override
    public void restoreEcn(Packet p, boolean guestUsesEcn) {
        if (p.ecn == Packet.ECN_ECT1 || p.ecn == Packet.ECN_CE && !guestUsesEcn) {
            p.ecn = Packet.ECN_NOT_ECT;
        }
    }
}
