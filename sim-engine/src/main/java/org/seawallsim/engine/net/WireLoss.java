package org.seawallsim.engine.net;

import java.util.SplittableRandom;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * Random loss on one direction of a link: each frame reaching the far end is lost with probability {@code p},
 * independently (a corrupted frame that the receiving interface discards on its check sequence). The frame was
 * transmitted, so it counts in the sending port's busy time and in a trace of the link, and it is reported as a
 * drop of that port with {@link DropReason#INJECTED_LOSS}. Draws come from a stream named after the port, so adding
 * loss to one link leaves every other component's draws as they were.
 */
final class WireLoss {
    private final SimContext ctx;
    private final String portName;
    private final double probability;
    private final boolean dataOnly;
    private final SplittableRandom random;
    private long lostPackets;

    WireLoss(SimContext ctx, String portName, double probability, boolean dataOnly) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException(portName + ": loss probability must be in (0, 1), got " + probability);
        }
        this.ctx = ctx;
        this.portName = portName;
        this.probability = probability;
        this.dataOnly = dataOnly;
        this.random = ctx.random().stream("wire-loss/" + portName);
    }

    /** True if {@code p} is lost here; it has then been reported and released. */
    boolean loses(Packet p) {
        // Data only: TCP segments and UDP datagrams, not ACKs, reports or QCN messages (the Mathis model's lossless
        // ACK path).
        if (dataOnly && p.kind != Packet.KIND_DATA && p.kind != Packet.KIND_UDP) {
            return false;
        }
        if (random.nextDouble() >= probability) {
            return false;
        }
        lostPackets++;
        ctx.probes().drop(portName, p, DropReason.INJECTED_LOSS);
        ctx.packets().release(p);
        return true;
    }

    long lostPackets() {
        return lostPackets;
    }
}
