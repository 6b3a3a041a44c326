package org.seawallsim.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimerSetTest {
    @Test
    void manyTimersCostTheMainLoopOneEntry() {
        EventLoop loop = new EventLoop();
        TimerSet timers = new TimerSet(loop);
        List<Long> fired = new ArrayList<>();
        EventTarget t = tag -> fired.add(loop.nowPs());
        for (int i = 0; i < 1000; i++) {
            timers.schedule(1_000 + 7L * i, t, i);
        }
        assertThat(loop.pending()).isEqualTo(1);
        assertThat(timers.pending()).isEqualTo(1000);
        loop.runToCompletion();
        assertThat(fired).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(fired.get(i)).isEqualTo(1_000 + 7L * i);
        }
    }

    /**
     * Random timer schedules, cancels and re-arms from inside timers, mixed with ordinary events, against a sorted
     * reference: every timer runs at exactly its time, timers due together run in schedule order, cancelled ones
     * never run, and the main loop never holds more than one entry for the set.
     */
    @Test
    void firesEveryTimerAtItsTimeInOrderAndNeverACancelledOne() {
        for (long seed = 1; seed <= 5; seed++) {
            EventLoop loop = new EventLoop();
            TimerSet timers = new TimerSet(loop);
            SplittableRandom rnd = new SplittableRandom(seed);
            TreeMap<long[], Integer> expected = new TreeMap<>((a, b) -> a[0] != b[0]
                    ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            Map<Integer, long[]> keyOf = new HashMap<>();
            Map<Integer, Long> handleOf = new HashMap<>();
            List<long[]> ran = new ArrayList<>();
            long[] seq = {0};
            int[] nextId = {0};
            EventTarget[] timer = new EventTarget[1];
            timer[0] = id -> {
                ran.add(new long[] {loop.nowPs(), id});
                keyOf.remove(id);
                if (rnd.nextInt(4) == 0) {
                    // Re-arm from inside a timer, sometimes for this very instant.
                    arm(loop, timers, timer[0], rnd, expected, keyOf, handleOf, seq, nextId, rnd.nextInt(2) * 50);
                }
            };
            int[] noiseLeft = {3000};
            EventTarget[] noise = new EventTarget[1];
            noise[0] = tag -> {
                for (int k = 0; k < 3; k++) {
                    int r = rnd.nextInt(10);
                    if (r < 5) {
                        arm(loop, timers, timer[0], rnd, expected, keyOf, handleOf, seq, nextId, 1 + rnd.nextInt(50));
                    } else if (r < 8 && !keyOf.isEmpty()) {
                        Integer id = keyOf.keySet().iterator().next();
                        expected.remove(keyOf.remove(id));
                        assertThat(timers.cancel(handleOf.get(id))).isTrue();
                    }
                }
                // Besides this (dispatching) event only the set's single wake-up may be pending.
                assertThat(loop.pending()).isLessThanOrEqualTo(1);
                if (--noiseLeft[0] > 0) {
                    loop.scheduleIn(1 + rnd.nextInt(20), noise[0], 0);
                }
            };
            loop.schedule(0, noise[0], 0);
            loop.runToCompletion();
            List<long[]> want = new ArrayList<>();
            for (Map.Entry<long[], Integer> e : expected.entrySet()) {
                want.add(new long[] {e.getKey()[0], e.getValue()});
            }
            assertThat(ran).hasSameSizeAs(want).hasSizeGreaterThan(1000);
            for (int i = 0; i < want.size(); i++) {
                assertThat(ran.get(i)).as("timer %d", i).containsExactly(want.get(i));
            }
            assertThat(timers.pending()).isZero();
        }
    }

    private static void arm(EventLoop loop, TimerSet timers, EventTarget timer, SplittableRandom rnd,
            TreeMap<long[], Integer> expected, Map<Integer, long[]> keyOf, Map<Integer, Long> handleOf, long[] seq,
            int[] nextId, long delayPs) {
        int id = nextId[0]++;
        long at = loop.nowPs() + delayPs;
        long[] key = {at, seq[0]++};
        expected.put(key, id);
        keyOf.put(id, key);
        handleOf.put(id, timers.schedule(at, timer, id));
    }

    @Test
    void refusesThePast() {
        EventLoop loop = new EventLoop();
        TimerSet timers = new TimerSet(loop);
        loop.schedule(100, tag -> { }, 0);
        loop.runToCompletion();
        assertThatThrownBy(() -> timers.schedule(99, tag -> { }, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before now");
    }
}
