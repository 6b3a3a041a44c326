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
import org.seawallsim.engine.bench.HoldModel;

class EventLoopTest {
    /** Records (time, tag) of every dispatch. */
    private static final class Recorder implements EventTarget {
        final EventLoop loop;
        final List<long[]> seen = new ArrayList<>();

        Recorder(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void onEvent(int tag) {
            seen.add(new long[] {loop.nowPs(), tag});
        }

        List<Integer> tags() {
            List<Integer> t = new ArrayList<>();
            for (long[] e : seen) {
                t.add((int) e[1]);
            }
            return t;
        }
    }

    @Test
    void dispatchesInTimeOrderAndFifoAmongEqualTimes() {
        EventLoop loop = new EventLoop(4);
        Recorder r = new Recorder(loop);
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 5000;
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            // Few distinct times, so most events tie and the insertion order must decide.
            times[i] = rnd.nextInt(50);
            loop.schedule(times[i], r, i);
        }
        loop.runToCompletion();
        assertThat(r.seen).hasSize(n);
        for (int k = 1; k < n; k++) {
            long[] prev = r.seen.get(k - 1);
            long[] cur = r.seen.get(k);
            assertThat(cur[0]).isGreaterThanOrEqualTo(prev[0]);
            if (cur[0] == prev[0]) {
                assertThat(cur[1]).as("FIFO among equal times").isGreaterThan(prev[1]);
            }
            assertThat(cur[0]).isEqualTo(times[(int) cur[1]]);
        }
    }

    @Test
    void permutedTiesKeepTimeOrderAndDifferOnlyAmongEqualTimes() {
        int n = 4000;
        SplittableRandom rnd = new SplittableRandom(7);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = rnd.nextInt(40);
        }
        List<Integer> fifo = runWithTies(times, null);
        List<Integer> a = runWithTies(times, 11L);
        List<Integer> b = runWithTies(times, 12L);
        assertThat(runWithTies(times, 11L)).as("the same tie seed gives the same order").isEqualTo(a);
        assertThat(a).as("a tie seed reorders ties").isNotEqualTo(fifo).isNotEqualTo(b);
        for (List<Integer> order : List.of(a, b)) {
            assertThat(order).hasSize(n).doesNotHaveDuplicates();
            for (int k = 1; k < n; k++) {
                assertThat(times[order.get(k)]).as("time order kept").isGreaterThanOrEqualTo(times[order.get(k - 1)]);
            }
        }
        // Within one instant, a permutation is not just FIFO or its reverse: count out-of-order adjacent pairs.
        int inversions = 0;
        int tiedPairs = 0;
        for (int k = 1; k < n; k++) {
            if (times[a.get(k)] == times[a.get(k - 1)]) {
                tiedPairs++;
                if (a.get(k) < a.get(k - 1)) {
                    inversions++;
                }
            }
        }
        // A random order inverts about half of the adjacent tied pairs; 0.4-0.6 is over 10 sigma at ~4000 pairs.
        assertThat((double) inversions / tiedPairs).isBetween(0.4, 0.6);
    }

    @Test
    void tiesCanOnlyBePermutedBeforeTheFirstEvent() {
        EventLoop loop = new EventLoop();
        loop.schedule(1, tag -> { }, 0);
        assertThatThrownBy(() -> loop.permuteTies(3)).isInstanceOf(IllegalStateException.class);
    }

    private static List<Integer> runWithTies(long[] times, Long tieSeed) {
        EventLoop loop = new EventLoop(4);
        if (tieSeed != null) {
            loop.permuteTies(tieSeed);
        }
        Recorder r = new Recorder(loop);
        for (int i = 0; i < times.length; i++) {
            loop.schedule(times[i], r, i);
        }
        loop.runToCompletion();
        return r.tags();
    }

    @Test
    void cancelRemovesExactlyThatEventAndStaleHandlesAreHarmless() {
        EventLoop loop = new EventLoop();
        Recorder r = new Recorder(loop);
        long[] h = new long[10];
        for (int i = 0; i < 10; i++) {
            h[i] = loop.schedule(100 + i, r, i);
        }
        // Middle of the heap, then the last entry, then the root.
        assertThat(loop.cancel(h[5])).isTrue();
        assertThat(loop.cancel(h[9])).isTrue();
        assertThat(loop.cancel(h[0])).isTrue();
        assertThat(loop.cancel(h[5])).as("second cancel of the same handle").isFalse();
        assertThat(loop.isPending(h[5])).isFalse();
        assertThat(loop.isPending(h[4])).isTrue();
        assertThat(loop.cancel(EventLoop.NO_EVENT)).isFalse();
        assertThat(loop.pending()).isEqualTo(7);
        loop.step();
        assertThat(loop.cancel(h[1])).as("handle of an event that already ran").isFalse();
        // The freed slots are reused by new events; the old handles must not cancel them.
        long fresh1 = loop.schedule(200, r, 100);
        long fresh2 = loop.schedule(201, r, 101);
        assertThat(loop.cancel(h[5])).isFalse();
        assertThat(loop.cancel(h[0])).isFalse();
        assertThat(loop.isPending(fresh1)).isTrue();
        assertThat(loop.isPending(fresh2)).isTrue();
        loop.runToCompletion();
        assertThat(r.tags()).containsExactly(1, 2, 3, 4, 6, 7, 8, 100, 101);
        assertThat(loop.scheduled()).isEqualTo(loop.dispatched() + loop.cancelled() + loop.pending());
    }

    /** Random schedule/cancel/step against a sorted map keyed by (time, seq): the reference model. */
    @Test
    void matchesReferenceModelUnderRandomScheduleCancelAndStep() {
        matchesReferenceModel(1000, Integer.MAX_VALUE);
    }

    /**
     * The same with few pending events and many equal times: heaps of up to 21 entries take a separate two-level
     * sift, and ties there must still follow the schedule order. Capped at 24 and at 6 pending events, so the heap
     * crosses that size often and also runs nearly empty.
     */
    @Test
    void matchesReferenceModelWithSmallHeapsAndManyTies() {
        matchesReferenceModel(8, 24);
        matchesReferenceModel(8, 6);
        matchesReferenceModel(100, 21);
    }

    /**
     * Operations: 50 % schedule (delay uniform below {@code delayRange} ps; a step instead once {@code maxPending}
     * events are pending), 20 % cancel, 30 % step.
     */
    private static void matchesReferenceModel(int delayRange, int maxPending) {
        matchesReferenceModel(() -> new EventLoop(1), delayRange, maxPending, 40_000);
    }

    /**
     * The same against loops that hand their far future to the radix tier at 8 to 64 pending events, with 1 to 4
     * events a bucket: every path of the tier (spill from the heap, spreading and draining buckets, cancelled entries there,
     * handing everything back) runs thousands of times, for wide and narrow delays, with and without many ties.
     */
    @Test
    void matchesReferenceModelThroughTheRadixTier() {
        for (int spillAt : new int[] {8, 64}) {
            for (int bucketTarget : new int[] {1, 4}) {
                matchesReferenceModel(() -> new EventLoop(1, spillAt, bucketTarget), 1000, Integer.MAX_VALUE, 20_000);
                matchesReferenceModel(() -> new EventLoop(1, spillAt, bucketTarget), 8, 200, 20_000);
                matchesReferenceModel(() -> new EventLoop(1, spillAt, bucketTarget), 1 << 20, 300, 20_000);
                // Delays up to 2^40 ps, and times crossing multiples of 2^32: the tier stores entries due within
                // 32 bits of its reference packed in one long, later ones as (time, slot) pairs, and an entry moves
                // between the two forms as the reference advances.
                matchesReferenceModel(() -> new EventLoop(1, spillAt, bucketTarget), 1L << 40, 300, 20_000);
                matchesReferenceModel(() -> new EventLoop(1, spillAt, bucketTarget), 1L << 33, Integer.MAX_VALUE,
                        20_000);
            }
        }
    }

    private static void matchesReferenceModel(java.util.function.Supplier<EventLoop> newLoop, long delayRange,
            int maxPending, int ops) {
        for (long seed = 1; seed <= 5; seed++) {
            EventLoop loop = newLoop.get();
            SplittableRandom rnd = new SplittableRandom(seed);
            TreeMap<long[], Integer> model = new TreeMap<>((a, b) -> a[0] != b[0]
                    ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            Map<Integer, long[]> keyOf = new HashMap<>();
            List<Long> handles = new ArrayList<>();
            List<Integer> handleIds = new ArrayList<>();
            List<Integer> dispatched = new ArrayList<>();
            EventTarget target = dispatched::add;
            long seq = 0;
            int nextId = 0;
            for (int op = 0; op < ops; op++) {
                int r = rnd.nextInt(10);
                if (r < 5 && loop.pending() >= maxPending) {
                    r = 9;
                }
                if (r < 5) {
                    long at = loop.nowPs() + (delayRange <= Integer.MAX_VALUE ? rnd.nextInt((int) delayRange)
                            : rnd.nextLong(delayRange));
                    int id = nextId++;
                    handles.add(loop.schedule(at, target, id));
                    handleIds.add(id);
                    long[] key = {at, seq++};
                    model.put(key, id);
                    keyOf.put(id, key);
                } else if (r < 7 && !handles.isEmpty()) {
                    // Cancel a random handle, pending or not: stale handles must be refused.
                    int k = rnd.nextInt(handles.size());
                    int id = handleIds.get(k);
                    long[] key = keyOf.remove(id);
                    boolean expected = key != null && model.remove(key) != null;
                    assertThat(loop.cancel(handles.get(k))).isEqualTo(expected);
                } else {
                    boolean ran = loop.step();
                    if (model.isEmpty()) {
                        assertThat(ran).isFalse();
                    } else {
                        Map.Entry<long[], Integer> first = model.pollFirstEntry();
                        keyOf.remove(first.getValue());
                        assertThat(ran).isTrue();
                        assertThat(dispatched.get(dispatched.size() - 1)).isEqualTo(first.getValue());
                        assertThat(loop.nowPs()).isEqualTo(first.getKey()[0]);
                    }
                }
                assertThat(loop.pending()).isEqualTo(model.size());
                assertThat(loop.peekTimePs()).isEqualTo(model.isEmpty() ? Long.MAX_VALUE : model.firstKey()[0]);
            }
            assertThat(loop.scheduled()).isEqualTo(loop.dispatched() + loop.cancelled() + loop.pending());
        }
    }

    /**
     * Handlers that schedule (zero, one or several events, some at the current time) and cancel from inside a
     * dispatch, checked against the same reference model: this exercises the loop's replace-the-root shortcut.
     */
    @Test
    void matchesReferenceModelWhenHandlersScheduleAndCancel() {
        matchesReferenceModelWhenHandlersScheduleAndCancel(() -> new EventLoop(2));
        // Through the tier: the replaced root's successor may belong to the tier instead of the heap.
        matchesReferenceModelWhenHandlersScheduleAndCancel(() -> new EventLoop(2, 16, 2));
    }

    private static void matchesReferenceModelWhenHandlersScheduleAndCancel(
            java.util.function.Supplier<EventLoop> newLoop) {
        for (long seed = 1; seed <= 5; seed++) {
            EventLoop loop = newLoop.get();
            SplittableRandom rnd = new SplittableRandom(seed);
            TreeMap<long[], Integer> model = new TreeMap<>((a, b) -> a[0] != b[0]
                    ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            Map<Integer, long[]> keyOf = new HashMap<>();
            List<Long> handles = new ArrayList<>();
            long[] seq = {0};
            List<Integer> ran = new ArrayList<>();
            EventTarget[] self = new EventTarget[1];
            Runnable scheduleOne = () -> {
                long at = loop.nowPs() + (rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(500));
                int id = handles.size();
                handles.add(loop.schedule(at, self[0], id));
                long[] key = {at, seq[0]++};
                model.put(key, id);
                keyOf.put(id, key);
            };
            self[0] = tag -> {
                ran.add(tag);
                assertThat(loop.pending()).isEqualTo(model.size());
                int r = rnd.nextInt(10);
                int schedules = r < 2 ? 0 : (r < 8 ? 1 : 3);
                if (rnd.nextInt(5) == 0 && !handles.isEmpty()) {
                    int id = rnd.nextInt(handles.size());
                    long[] key = keyOf.remove(id);
                    boolean expected = key != null && model.remove(key) != null;
                    assertThat(loop.cancel(handles.get(id))).isEqualTo(expected);
                }
                for (int i = 0; i < schedules && handles.size() < 30_000; i++) {
                    scheduleOne.run();
                }
                assertThat(loop.peekTimePs()).isEqualTo(model.isEmpty() ? Long.MAX_VALUE : model.firstKey()[0]);
            };
            for (int i = 0; i < 50; i++) {
                scheduleOne.run();
            }
            while (!model.isEmpty()) {
                Map.Entry<long[], Integer> first = model.pollFirstEntry();
                keyOf.remove(first.getValue());
                assertThat(loop.step()).isTrue();
                assertThat(ran.get(ran.size() - 1)).isEqualTo(first.getValue());
                assertThat(loop.nowPs()).isEqualTo(first.getKey()[0]);
                assertThat(loop.pending()).isEqualTo(model.size());
            }
            assertThat(loop.step()).isFalse();
            assertThat(ran.size()).isGreaterThan(10_000);
            assertThat(loop.scheduled()).isEqualTo(loop.dispatched() + loop.cancelled() + loop.pending());
        }
    }

    @Test
    void aHandlerThatThrowsLeavesTheLoopConsistent() {
        EventLoop loop = new EventLoop();
        Recorder r = new Recorder(loop);
        loop.schedule(5, tag -> {
            throw new IllegalStateException("boom");
        }, 0);
        loop.schedule(7, r, 1);
        loop.schedule(6, r, 2);
        assertThatThrownBy(loop::step).hasMessage("boom");
        assertThat(loop.pending()).isEqualTo(2);
        assertThat(loop.peekTimePs()).isEqualTo(6);
        loop.runToCompletion();
        assertThat(r.tags()).containsExactly(2, 1);
    }

    @Test
    void timeNeverDecreasesAndThePastIsRefused() {
        EventLoop loop = new EventLoop();
        long[] last = {0};
        SplittableRandom rnd = new SplittableRandom(3);
        EventTarget t = new EventTarget() {
            @Override
            public void onEvent(int tag) {
                assertThat(loop.nowPs()).isGreaterThanOrEqualTo(last[0]);
                last[0] = loop.nowPs();
                if (tag < 20_000) {
                    loop.scheduleIn(rnd.nextInt(3), this, tag + 1);
                }
            }
        };
        for (int i = 0; i < 10; i++) {
            loop.schedule(rnd.nextInt(100), t, 0);
        }
        loop.runToCompletion();
        assertThat(loop.dispatched()).isGreaterThan(20_000);
        long now = loop.nowPs();
        assertThatThrownBy(() -> loop.schedule(now - 1, t, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before now");
        assertThatThrownBy(() -> loop.scheduleIn(-1, t, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative delay");
        assertThatThrownBy(() -> loop.runUntil(now - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> loop.schedule(now, null, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void runUntilRunsEventsAtOrBeforeTheEndIncludingNewOnesAndAdvancesTheClock() {
        EventLoop loop = new EventLoop();
        Recorder r = new Recorder(loop);
        EventTarget chain = new EventTarget() {
            @Override
            public void onEvent(int tag) {
                r.onEvent(tag);
                loop.scheduleIn(10, this, tag + 1); // 10, 20, 30, ... forever
            }
        };
        loop.schedule(10, chain, 0);
        loop.schedule(100, r, 1000);
        loop.schedule(101, r, 1001);
        loop.runUntil(100);
        // The chain ran at 10..100 (10 events) and the event exactly at the end ran, before the chain's event at 100
        // because it was scheduled first; the event after the end did not run.
        assertThat(r.tags()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 1000, 9);
        assertThat(loop.nowPs()).isEqualTo(100);
        assertThat(loop.peekTimePs()).isEqualTo(101);
        loop.runUntil(105);
        assertThat(loop.nowPs()).isEqualTo(105);
        assertThat(r.tags()).hasSize(12).endsWith(1001);
        // Scheduling between the last event and the end is allowed once the clock stands at the end.
        loop.schedule(105, r, 2000);
        loop.runUntil(111);
        assertThat(r.tags()).endsWith(1001, 2000, 10);
    }

    @Test
    void fingerprintDependsOnTimesTagsAndTargets() {
        assertThat(fingerprintOf(1, 5)).isEqualTo(fingerprintOf(1, 5));
        assertThat(fingerprintOf(1, 5)).isNotEqualTo(fingerprintOf(1, 6));
        assertThat(fingerprintOf(1, 5)).isNotEqualTo(fingerprintOf(2, 5));
    }

    /**
     * Lambda class names differ between JVM runs (spin counter, address), so two lambdas of one enclosing class must
     * fingerprint alike; otherwise a model using lambda targets could never match a fingerprint recorded by another
     * process (the regression goldens).
     */
    @Test
    void lambdaTargetsFingerprintByTheirEnclosingClass() {
        EventLoop a = new EventLoop();
        a.schedule(3, t -> { }, 1);
        a.runToCompletion();
        EventLoop b = new EventLoop();
        EventTarget other = t -> a.nowPs();
        b.schedule(3, other, 1);
        b.runToCompletion();
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    }

    private static long fingerprintOf(int tag, long at) {
        EventLoop loop = new EventLoop();
        loop.schedule(at, t -> { }, tag);
        loop.schedule(at + 1, t -> { }, tag);
        loop.runToCompletion();
        return loop.fingerprint();
    }

    @Test
    void eventsAtTheEndOfTimeStillRunInOrder() {
        // Long.MAX_VALUE is also the heap's filler for missing children; real events there must still be found.
        EventLoop loop = new EventLoop();
        Recorder r = new Recorder(loop);
        for (int i = 0; i < 7; i++) {
            loop.schedule(Long.MAX_VALUE, r, i);
        }
        loop.schedule(5, r, 100);
        loop.schedule(Long.MAX_VALUE - 1, r, 101);
        loop.runToCompletion();
        assertThat(r.tags()).containsExactly(100, 101, 0, 1, 2, 3, 4, 5, 6);
        assertThat(loop.nowPs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void growsFarBeyondItsInitialCapacity() {
        EventLoop loop = new EventLoop(0);
        Recorder r = new Recorder(loop);
        for (int i = 0; i < 100_000; i++) {
            loop.schedule(100_000 - i, r, i);
        }
        loop.runToCompletion();
        assertThat(r.seen).hasSize(100_000);
        assertThat(r.seen.get(0)[1]).isEqualTo(99_999);
    }

    /**
     * The radix tier's memory follows the entries it holds, not the buckets it has used: hold models of 20 000
     * pending events whose delays land in the tier's second digit position (mean 10^6 ps) and in its third (10^8
     * ps), run until that position's 256 buckets have each been filled several times over. Each emptied bucket's
     * array serves the next bucket to fill: the tier keeps 5.2 and 6.4 longs per pending event (arrays double as
     * they grow; at least 32 longs a bucket; the last bucket before a boundary of the next position up holds up to
     * a delay's worth). With an array kept per bucket it kept 33 and 65, sized for a bucket's worth of events in
     * every bucket ever used.
     */
    @Test
    void theTiersArraysStayInProportionToThePendingSet() {
        int n = 20_000;
        for (long meanDelayPs : new long[] {1_000_000L, 100_000_000L}) {
            HoldModel hold = new HoldModel(n, meanDelayPs, new SplittableRandom(3));
            // The position's whole range (2^24 ps, or 2^32 ps) passes 4 times: events dispatched are n per mean delay.
            long positionSpanPs = meanDelayPs < 10_000_000L ? 1L << 24 : 1L << 32;
            hold.run(4 * positionSpanPs / meanDelayPs * n);
            assertThat(hold.loop().nowPs()).isGreaterThan(3 * positionSpanPs);
            assertThat(hold.loop().pending()).isEqualTo(n);
            assertThat(hold.loop().tierRetainedLongs()).isLessThan(8L * n);
        }
    }

    /**
     * Huge pending sets with the default thresholds: 120 000 events (15 times the spill threshold), times drawn from a narrow range (so most share
     * their instant with others) and from a wide one, some cancelled, all drained; the order must be exactly (time,
     * schedule order), or with permuted ties (time, mix of the sequence): the same order an all-heap loop gives.
     */
    @Test
    void hugePendingSetsRunInExactlyTheHeapsOrder() {
        for (long range : new long[] {1_000, 1L << 40}) {
            for (boolean permute : new boolean[] {false, true}) {
                EventLoop tiered = new EventLoop(16);
                EventLoop heapOnly = new EventLoop(16, Integer.MAX_VALUE, 1);
                List<Integer> a = new ArrayList<>();
                List<Integer> b = new ArrayList<>();
                if (permute) {
                    tiered.permuteTies(7);
                    heapOnly.permuteTies(7);
                }
                SplittableRandom rnd = new SplittableRandom(range);
                long[] ha = new long[120_000];
                long[] hb = new long[120_000];
                for (int i = 0; i < ha.length; i++) {
                    long at = rnd.nextLong(range);
                    ha[i] = tiered.schedule(at, a::add, i);
                    hb[i] = heapOnly.schedule(at, b::add, i);
                }
                assertThat(tiered.pending()).isEqualTo(120_000);
                for (int i = 0; i < ha.length; i += 7) {
                    assertThat(tiered.cancel(ha[i])).isTrue();
                    assertThat(heapOnly.cancel(hb[i])).isTrue();
                    assertThat(tiered.cancel(ha[i])).isFalse();
                }
                assertThat(tiered.pending()).isEqualTo(heapOnly.pending());
                // Run half, then schedule more into the middle of what is pending (the tier) and beyond it.
                for (int i = 0; i < 40_000; i++) {
                    tiered.step();
                    heapOnly.step();
                }
                long now = tiered.nowPs();
                for (int i = 0; i < 20_000; i++) {
                    long at = now + rnd.nextLong(range * 2);
                    tiered.schedule(at, a::add, 1_000_000 + i);
                    heapOnly.schedule(at, b::add, 1_000_000 + i);
                }
                long last = -1;
                long badSteps = 0;
                while (tiered.peekTimePs() != Long.MAX_VALUE) {
                    long t = tiered.peekTimePs();
                    if (t != heapOnly.peekTimePs() || t < last) {
                        badSteps++;
                    }
                    last = t;
                    tiered.step();
                    heapOnly.step();
                }
                assertThat(badSteps).as("steps out of order or off the heap's times").isZero();
                assertThat(heapOnly.step()).isFalse();
                assertThat(a).hasSize(b.size()).isEqualTo(b);
                assertThat(tiered.fingerprint()).isEqualTo(heapOnly.fingerprint());
                assertThat(tiered.scheduled()).isEqualTo(tiered.dispatched() + tiered.cancelled());
            }
        }
    }

    /** Thousands of events at one instant, spilled to the tier, still run in schedule order (and cancel exactly). */
    @Test
    void manyEventsAtOneInstantKeepTheirOrderInTheTier() {
        EventLoop loop = new EventLoop(1, 8, 2);
        List<Integer> ran = new ArrayList<>();
        long[] h = new long[5_000];
        for (int i = 0; i < h.length; i++) {
            h[i] = loop.schedule(i % 3 == 0 ? 1_000 : 1_000 + i, ran::add, i);
        }
        for (int i = 0; i < h.length; i += 10) {
            loop.cancel(h[i]);
        }
        loop.runToCompletion();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            if (i % 10 != 0 && i % 3 == 0) {
                expected.add(i);
            }
        }
        for (int i = 0; i < h.length; i++) {
            if (i % 10 != 0 && i % 3 != 0) {
                expected.add(i);
            }
        }
        assertThat(ran).isEqualTo(expected);
        assertThat(loop.pending()).isZero();
    }

    /** The SplittableRandom finalizer, as the loop mixes sequences under permuted ties (a bijection on longs). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Differential test against a sorted map of (time, tie key), event for event, with and without permuted ties:
     * delays mix same-instant ties, short, long and far-future (up to 2^50 ps) times; cancels hit pending and stale
     * handles alike, in bursts that leave more cancelled than live entries (the compaction); the pending set swings
     * in phases from empty to several times the spill threshold and back, so the heap hands its events to the radix
     * tier and takes them back hundreds of times. Small thresholds (spill at 8, 64 and 512, bucket targets of 1 to
     * 400 events, each refill draining as many buckets as fit) exercise every path often; the default ones (spill at
     * 8 192) with sets of up to 40 (the sorted list and the heap) and 20 000.
     */
    @Test
    void matchesReferenceModelAcrossThresholdsWithPermutedTiesFarFutureAndCancelBursts() {
        // {64, 48} and {512, 400}: targets near the spill threshold, so refills drain many buckets at once.
        int[][] configs = {{8, 1, 400}, {8, 4, 400}, {64, 16, 2_000}, {64, 48, 2_000}, {512, 400, 5_000},
                {EventLoop.DEFAULT_SPILL_AT,
                EventLoop.DEFAULT_BUCKET_TARGET, 20_000}};
        for (int[] c : configs) {
            for (boolean permute : new boolean[] {false, true}) {
                for (long seed = 1; seed <= 3; seed++) {
                    differential(new EventLoop(1, c[0], c[1]), c[2], permute, seed, c[2] > 1000 ? 300_000 : 60_000);
                }
            }
        }
        // Up to 40 pending with the list kept in use (random times would otherwise send this run to the heap): the
        // set swings across the list's limits (32 entries, back at 16), so events move between the list and the
        // heap hundreds of times, and a tiny spill threshold takes them on to the tier as well.
        for (int spillAt : new int[] {EventLoop.DEFAULT_SPILL_AT, 8}) {
            for (boolean permute : new boolean[] {false, true}) {
                for (long seed = 1; seed <= 3; seed++) {
                    EventLoop loop = new EventLoop(1, spillAt, 2);
                    loop.keepList();
                    differential(loop, 40, permute, seed, 60_000);
                }
            }
        }
    }

    /**
     * New events due before most pending ones (a packet network's pattern: a few imminent arrivals among wake-ups
     * further out) keep the sorted list in use; uniformly random ones move half the list per insert on average, and
     * after a window of such inserts the loop uses the heap. Either way the order is (time, insertion).
     */
    @Test
    void sortedListServesImminentEventsAndHandsRandomOnesToTheHeap() {
        for (boolean random : new boolean[] {false, true}) {
            EventLoop loop = new EventLoop();
            SplittableRandom rnd = new SplittableRandom(7);
            List<long[]> ran = new ArrayList<>();
            EventTarget[] self = new EventTarget[1];
            self[0] = tag -> {
                ran.add(new long[] {loop.nowPs(), tag});
                // Not random: 4 events come back within 1 000 ps, 12 only after 10^8 ps.
                long delay = random ? rnd.nextLong(1_000_000) : tag < 4 ? rnd.nextLong(1_000) : 100_000_000L;
                loop.schedule(loop.nowPs() + delay, self[0], tag);
            };
            for (int i = 0; i < 16; i++) {
                loop.schedule(rnd.nextLong(1_000_000), self[0], i);
            }
            loop.runUntil(2_000_000_000L);
            assertThat(loop.listed()).isEqualTo(!random);
            assertThat(loop.pending()).isEqualTo(16);
            for (int i = 1; i < ran.size(); i++) {
                assertThat(ran.get(i)[0]).isGreaterThanOrEqualTo(ran.get(i - 1)[0]);
            }
            assertThat(ran.size()).isGreaterThan(10_000);
        }
    }

    private static void differential(EventLoop loop, int peak, boolean permute, long seed, int ops) {
        long salt = 1_000 + seed;
        if (permute) {
            loop.permuteTies(salt);
        }
        SplittableRandom rnd = new SplittableRandom(seed * 31 + (permute ? 1 : 0));
        TreeMap<long[], Integer> model = new TreeMap<>((a, b) -> a[0] != b[0]
                ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        Map<Integer, long[]> keyOf = new HashMap<>();
        List<Long> handles = new ArrayList<>();
        List<Integer> dispatched = new ArrayList<>();
        EventTarget target = dispatched::add;
        long seq = 0;
        boolean growing = true;
        int crossings = 0;
        int compactingBursts = 0;
        for (int op = 0; op < ops; op++) {
            if (growing && model.size() >= peak) {
                growing = false;
                crossings++;
            } else if (!growing && model.isEmpty()) {
                growing = true;
            }
            int r = rnd.nextInt(100);
            if (r < (growing ? 70 : 25)) {
                int kind = rnd.nextInt(10);
                long delay = kind < 2 ? 0 : kind < 6 ? rnd.nextLong(1_000) : kind < 9 ? rnd.nextLong(1_000_000)
                        : rnd.nextLong(1L << 50);
                long at = loop.nowPs() + delay;
                int id = handles.size();
                handles.add(loop.schedule(at, target, id));
                long[] key = {at, permute ? mix64(seq + salt) : seq};
                seq++;
                model.put(key, id);
                keyOf.put(id, key);
            } else if (r < (growing ? 80 : 40) && !handles.isEmpty()) {
                if (!growing && rnd.nextInt(100) == 0 && model.size() > Math.min(100, peak / 2)) {
                    // While the set shrinks, a burst now and then cancels about 60 % of what is pending: more cancelled
                    // entries than live ones, which the loop compacts away.
                    compactingBursts++;
                    for (int id : new ArrayList<>(model.values())) {
                        if (rnd.nextInt(5) < 3) {
                            model.remove(keyOf.remove(id));
                            assertThat(loop.cancel(handles.get(id))).isTrue();
                            assertThat(loop.isPending(handles.get(id))).isFalse();
                        }
                    }
                } else {
                    // Any handle, pending or not: stale handles must be refused.
                    int id = rnd.nextInt(handles.size());
                    long[] key = keyOf.remove(id);
                    boolean expected = key != null && model.remove(key) != null;
                    assertThat(loop.cancel(handles.get(id))).isEqualTo(expected);
                    assertThat(loop.isPending(handles.get(id))).isFalse();
                }
            } else {
                boolean ran = loop.step();
                Map.Entry<long[], Integer> first = model.pollFirstEntry();
                assertThat(ran).isEqualTo(first != null);
                if (first != null) {
                    keyOf.remove(first.getValue());
                    assertThat(dispatched.get(dispatched.size() - 1)).isEqualTo(first.getValue());
                    assertThat(loop.nowPs()).isEqualTo(first.getKey()[0]);
                }
            }
            assertThat(loop.pending()).isEqualTo(model.size());
            assertThat(loop.peekTimePs()).isEqualTo(model.isEmpty() ? Long.MAX_VALUE : model.firstKey()[0]);
        }
        while (!model.isEmpty()) {
            int id = model.pollFirstEntry().getValue();
            assertThat(loop.step()).isTrue();
            assertThat(dispatched.get(dispatched.size() - 1)).isEqualTo(id);
        }
        assertThat(loop.step()).isFalse();
        assertThat(crossings).as("the pending set crossed the spill threshold repeatedly").isGreaterThanOrEqualTo(2);
        assertThat(compactingBursts).isPositive();
        assertThat(loop.scheduled()).isEqualTo(loop.dispatched() + loop.cancelled());
    }
}
