package org.seawallsim.seawall.sim;

import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.seawall.controller.Timers;

/**
 * Controller and SW-port timers on the event loop. One-shot tasks allocate a small adapter (control rate);
 * {@link #newTimer} timers are their own event targets and re-arm without allocating (per-packet rate).
 */
final class SimTimers implements Timers {
    private final EventLoop loop;

    SimTimers(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public long schedule(long delayPs, Runnable task) {
        return loop.scheduleIn(delayPs, tag -> task.run(), 0);
    }

    @Override
    public void cancel(long handle) {
        loop.cancel(handle);
    }

    @Override
    public Timer newTimer(Runnable task) {
        return new LoopTimer(loop, task);
    }

    private static final class LoopTimer implements Timer, EventTarget {
        private final EventLoop loop;
        private final Runnable task;
        private long handle = EventLoop.NO_EVENT;
        private long atPs = -1;

        LoopTimer(EventLoop loop, Runnable task) {
            this.loop = loop;
            this.task = task;
        }

        @Override
        public void armAt(long at) {
            if (handle != EventLoop.NO_EVENT && atPs == at && loop.isPending(handle)) {
                return;
            }
            loop.cancel(handle);
            atPs = Math.max(at, loop.nowPs());
            handle = loop.schedule(atPs, this, 0);
        }

        @Override
        public void disarm() {
            loop.cancel(handle);
            handle = EventLoop.NO_EVENT;
        }

        @Override
        public boolean armed() {
            return handle != EventLoop.NO_EVENT && loop.isPending(handle);
        }

        @Override
        public void onEvent(int tag) {
            handle = EventLoop.NO_EVENT;
            task.run();
        }
    }
}
