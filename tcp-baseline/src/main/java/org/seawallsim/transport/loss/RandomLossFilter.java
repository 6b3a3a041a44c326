package org.seawallsim.transport.loss;

import java.util.SplittableRandom;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.IngressFilter;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * Bernoulli packet loss at a switch's ingress: each packet of the selected kind is dropped independently with
 * probability {@code p}, from a seeded stream named after the filter, and reported as
 * {@link DropReason#INJECTED_LOSS}. Used for the Mathis square-root-law check; by default only data segments are
 * hit, as in the Mathis model, which assumes a lossless ACK path.
 */
public final class RandomLossFilter implements IngressFilter {
    /** Which packets the filter may drop. */
    public enum Target {
        DATA_ONLY, ALL
    }

    private final SimContext ctx;
    private final String name;
    private final double probability;
    private final Target target;
    private final SplittableRandom random;

    public RandomLossFilter(SimContext ctx, String name, double probability, Target target) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("loss probability must be in [0, 1), got " + probability);
        }
        if (target == null) {
            throw new IllegalArgumentException("target must be DATA_ONLY or ALL, got null");
        }
        this.ctx = ctx;
        this.name = name;
        this.probability = probability;
        this.target = target;
        this.random = ctx.random().stream("loss/" + name);
    }

    public static RandomLossFilter onData(SimContext ctx, String name, double probability) {
        return new RandomLossFilter(ctx, name, probability, Target.DATA_ONLY);
    }

    public double probability() {
        return probability;
    }

    @Override
    public boolean admit(Packet p, EgressPort inPort, Switch sw) {
        if (target == Target.DATA_ONLY && p.kind != Packet.KIND_DATA && p.kind != Packet.KIND_UDP) {
            return true;
        }
        if (random.nextDouble() >= probability) {
            return true;
        }
        ctx.probes().drop(name, p, DropReason.INJECTED_LOSS);
        ctx.packets().release(p);
        return false;
    }
}
