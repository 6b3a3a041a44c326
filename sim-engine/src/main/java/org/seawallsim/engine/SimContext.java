package org.seawallsim.engine;

import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.TimerSet;
import org.seawallsim.engine.packet.PacketFactory;
import org.seawallsim.engine.probe.ProbeBus;
import org.seawallsim.engine.random.RandomStreams;

/**
 * What every component of one run shares: the event loop, the random streams, the packet factory and the probe bus.
 * Passed explicitly to constructors; there is no global state.
 */
public final class SimContext {
    private final EventLoop loop;
    private final RandomStreams random;
    private final PacketFactory packets;
    private final ProbeBus probes;
    private final TimerSet timers;

    public SimContext(long masterSeed) {
        this.loop = new EventLoop();
        this.timers = new TimerSet(loop);
        this.random = new RandomStreams(masterSeed);
        this.packets = new PacketFactory(random);
        this.probes = new ProbeBus();
    }

    /**
     * Same-instant events (in the main loop and among due timers) run in an order drawn from {@code seed} instead of
     * scheduling order. Call before anything is scheduled. Used to show that results do not hinge on tie order.
     */
    public void permuteTies(long seed) {
        loop.permuteTies(seed);
        timers.permuteTies(~seed);
    }

    public EventLoop loop() {
        return loop;
    }

    /** Timers that are armed nearly always but rarely fire (retransmission timeouts); see {@link TimerSet}. */
    public TimerSet timers() {
        return timers;
    }

    public long nowPs() {
        return loop.nowPs();
    }

    public RandomStreams random() {
        return random;
    }

    public PacketFactory packets() {
        return packets;
    }

    public ProbeBus probes() {
        return probes;
    }
}
