package org.seawallsim.seawall.controller;

import java.util.ArrayList;
import java.util.List;

/** A hand-advanced clock and timer list for testing the controller and ports without the simulator. */
public final class FakeTime implements Clock, Timers {
    private long now;
    private long nextHandle = 1;
    private final List<long[]> due = new ArrayList<>(); // {atPs, handle}
    private final List<Runnable> tasks = new ArrayList<>();

    @Override
    public long nowPs() {
        return now;
    }

    @Override
    public long schedule(long delayPs, Runnable task) {
        long h = nextHandle++;
        due.add(new long[] {now + delayPs, h});
        tasks.add(task);
        return h;
    }

    @Override
    public void cancel(long handle) {
        for (int i = 0; i < due.size(); i++) {
            if (due.get(i)[1] == handle) {
                due.remove(i);
                tasks.remove(i);
                return;
            }
        }
    }

    @Override
    public Timer newTimer(Runnable task) {
        return new Timer() {
            long handle = -1;

            @Override
            public void armAt(long atPs) {
                disarm();
                handle = schedule(Math.max(0, atPs - now), () -> {
                    handle = -1;
                    task.run();
                });
            }

            @Override
            public void disarm() {
                if (handle >= 0) {
                    cancel(handle);
                    handle = -1;
                }
            }

            @Override
            public boolean armed() {
                return handle >= 0;
            }
        };
    }

    /** Runs every task due up to {@code toPs} in time order (ties in scheduling order), then sets the clock. */
    public void advanceTo(long toPs) {
        while (true) {
            int best = -1;
            for (int i = 0; i < due.size(); i++) {
                if (due.get(i)[0] <= toPs && (best < 0 || due.get(i)[0] < due.get(best)[0])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            now = Math.max(now, due.get(best)[0]);
            due.remove(best);
            tasks.remove(best).run();
        }
        now = toPs;
    }

    public void advanceBy(long ps) {
        advanceTo(now + ps);
    }
}
