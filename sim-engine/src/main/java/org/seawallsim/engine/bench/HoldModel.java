package org.seawallsim.engine.bench;

import java.util.SplittableRandom;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;

/**
 * The classic "hold" benchmark of a future-event set: {@code n} events stay pending, and each one, when it runs,
 * schedules its successor at now plus a random delay, so the set keeps its size and every dispatch costs one removal
 * and one insertion. Delays are uniform on [1, 2 * mean] ps, drawn from a seeded stream. One target serves all
 * events (the tag tells them apart), so the benchmark measures the event loop and not the model.
 *
 * <p>Used by {@code seawall-sim bench engine} and by the JMH benchmark in the test sources.
 */
public final class HoldModel implements EventTarget {
    private final EventLoop loop;
    private final SplittableRandom random;
    private final double spanPs;

    /** Builds a loop with {@code n} pending events; {@code meanDelayPs} &gt;= 1. */
    public HoldModel(int n, long meanDelayPs, SplittableRandom random) {
        if (n <= 0) {
            throw new IllegalArgumentException("hold model size n must be >= 1, got " + n);
        }
        if (meanDelayPs < 1) {
            throw new IllegalArgumentException("hold model meanDelayPs must be >= 1, got " + meanDelayPs);
        }
        this.loop = new EventLoop(n);
        this.random = random;
        this.spanPs = 2.0 * meanDelayPs - 1;
        for (int i = 0; i < n; i++) {
            loop.schedule(delay(), this, i);
        }
    }

    public EventLoop loop() {
        return loop;
    }

    private long delay() {
        return 1 + (long) (random.nextDouble() * spanPs);
    }

    @Override
    public void onEvent(int tag) {
        loop.schedule(loop.nowPs() + delay(), this, tag);
    }

    /** Dispatches {@code events} events. */
    public void run(long events) {
        EventLoop l = loop;
        for (long i = 0; i < events; i++) {
            l.step();
        }
    }
}
