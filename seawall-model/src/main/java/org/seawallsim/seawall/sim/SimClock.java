package org.seawallsim.seawall.sim;

import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.seawall.controller.Clock;

/** The controller's clock on the simulator's event loop. */
final class SimClock implements Clock {
    private final EventLoop loop;

    SimClock(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public long nowPs() {
        return loop.nowPs();
    }
}
