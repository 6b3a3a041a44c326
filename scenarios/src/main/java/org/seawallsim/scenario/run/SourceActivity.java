package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When the traffic items whose demand the scenario cannot state in advance were offering load: on/off sources (their
 * periods may be random), TCP bulk and shuffle flows (each starts up to 10 ms after its item's start, at a random
 * offset) and finite TCP traffic (a shuffle of a given size, incast rounds), which ends when its flows have delivered
 * everything. The oracle's demand follows them (Runner.demand), so a source that is silent, not yet started or done
 * is not given a share it does not use.
 *
 * <p>An item counts its active flows per sending VM: a TCP flow from its start to its completion, an on/off flow
 * while in its on phase. Every change is logged with its time, so the state at any instant of a sample interval can
 * be looked up after the interval has run. Finite items also log their byte budget: each flow adds the bytes it has
 * to send when it starts, and the budget is void once none of the item's flows runs (all done, or stopped), so
 * that the oracle owes a finite item at most the bytes its running flows had to send. Random arrivals (`flows`) log
 * each arrival's bytes when it is drawn and are void only when stopped: the oracle owes them what was offered.
 */
final class SourceActivity {
    /** The log of one (sending VM, item): times and the number of active flows from each time on. */
    private static final class Log {
        final long key;
        long[] timesPs = new long[4];
        int[] counts = new int[4];
        int n;
        int current;

        Log(long key) {
            this.key = key;
        }

        void add(long nowPs, int delta) {
            current += delta;
            if (n > 0 && timesPs[n - 1] == nowPs) {
                counts[n - 1] = current;
                return;
            }
            if (n == timesPs.length) {
                timesPs = Arrays.copyOf(timesPs, n * 2);
                counts = Arrays.copyOf(counts, n * 2);
            }
            timesPs[n] = nowPs;
            counts[n++] = current;
        }

        /** Active flows at {@code tPs}, changes at that instant included. */
        int at(long tPs) {
            int i = Arrays.binarySearch(timesPs, 0, n, tPs);
            if (i < 0) {
                i = -i - 2;
            }
            return i < 0 ? 0 : counts[i];
        }
    }

    /** An active flow: the log it counts in, and its label, by which a stopped item's flows are found. */
    private record Active(Log log, String label) {
    }

    /**
     * A change of a finite item's byte budget, in the order they happened: {@code bytes} more to send (a flow
     * started, or a random arrival to VM {@code dstVm} was drawn), or {@link #VOID} (none of the item's flows runs any
     * more, or the timeline stopped a random-arrival item). {@code dstVm} is -1 but for random arrivals.
     */
    record BudgetEvent(long atPs, long key, long bytes, int dstVm) {
        BudgetEvent(long atPs, long key, long bytes) {
            this(atPs, key, bytes, -1);
        }
    }

    /** {@link BudgetEvent#bytes} of a budget that is void. */
    static final long VOID = -1;

    private final Map<String, Integer> itemOfLabel = new HashMap<>();
    /** Per followed label, the payload bytes each of its flows has to send (0: unbounded). */
    private final Map<String, Long> bytesOfLabel = new HashMap<>();
    private final List<BudgetEvent> budget = new ArrayList<>();
    private final Map<Long, Log> logs = new HashMap<>();
    /** Per random-arrival (`flows`) label, its item's key: what it offered is owed from each arrival's instant. */
    private final Map<String, Long> arrivalKeys = new HashMap<>();
    private final Map<Integer, Active> activeFlows = new LinkedHashMap<>();
    private long[] changesPs = new long[16];
    private int changes;

    /** Follows the flows labelled {@code label}, which belong to traffic item {@code item} of their sending VM. */
    void track(String label, int item) {
        track(label, item, 0);
    }

    /**
     * As {@link #track(String, int)}, for a finite item each of whose flows has {@code bytesPerFlow} payload bytes
     * to send (0: unbounded).
     */
    void track(String label, int item, long bytesPerFlow) {
        itemOfLabel.put(label, item);
        bytesOfLabel.put(label, bytesPerFlow);
    }

    /**
     * Follows the random arrivals of VM {@code srcVm}'s item {@code item}, labelled {@code label}: each adds its bytes
     * to the item's budget when it is drawn ({@link #arrived}), whatever the run then does with its flow, so that the
     * ideal owes what was offered and is the same under every scheme; a timeline stop voids the budget.
     */
    void trackArrivals(String label, int srcVm, int item) {
        arrivalKeys.put(label, key(srcVm, item));
    }

    /** A flow of {@code bytes} payload bytes to VM {@code dstVm} arrived for the random-arrival {@code label}. */
    void arrived(String label, int dstVm, long bytes, long nowPs) {
        budget.add(new BudgetEvent(nowPs, arrivalKeys.get(label), bytes, dstVm));
        changed(nowPs);
    }

    /** The key of VM {@code vm}'s item {@code item} (in {@link BudgetEvent#key}). */
    static long key(int vm, int item) {
        return ((long) vm << 32) | (item & 0xffff_ffffL);
    }

    /** A followed flow starts offering load. */
    void activate(int flowId, String label, int srcVm, long nowPs) {
        Integer item = itemOfLabel.get(label);
        if (item == null || activeFlows.containsKey(flowId)) {
            return;
        }
        long key = key(srcVm, item);
        Log log = logs.computeIfAbsent(key, k -> new Log(key));
        activeFlows.put(flowId, new Active(log, label));
        log.add(nowPs, 1);
        long bytes = bytesOfLabel.getOrDefault(label, 0L);
        if (bytes > 0) {
            budget.add(new BudgetEvent(nowPs, key, bytes));
        }
        changed(nowPs);
    }

    /** A followed flow stops offering load (done, or silent until it is activated again). */
    void deactivate(int flowId, long nowPs) {
        Active a = activeFlows.remove(flowId);
        if (a != null) {
            a.log().add(nowPs, -1);
            if (a.log().current == 0 && bytesOfLabel.getOrDefault(a.label(), 0L) > 0) {
                budget.add(new BudgetEvent(nowPs, a.log().key, VOID));
            }
            changed(nowPs);
        }
    }

    /**
     * The sources of {@code label} stopped (the timeline stopped them, or an application finished): none of their
     * flows is active any more, nor are those of labels under it ({@code label/...}: an application's flows).
     */
    void stopped(String label, long nowPs) {
        String under = label + "/";
        Integer[] ids = activeFlows.entrySet().stream()
                .filter(e -> e.getValue().label().equals(label) || e.getValue().label().startsWith(under))
                .map(Map.Entry::getKey).toArray(Integer[]::new);
        for (int id : ids) {
            deactivate(id, nowPs);
        }
        // A stopped source's flows are aborted (PoissonFlowArrivals.stop): what they had left is not owed any more.
        Long arrivals = arrivalKeys.get(label);
        if (arrivals != null) {
            budget.add(new BudgetEvent(nowPs, arrivals, VOID));
            changed(nowPs);
        }
    }

    /** Active flows of item {@code item} of VM {@code vm} at {@code tPs}. */
    int active(int vm, int item, long tPs) {
        Log log = logs.get(key(vm, item));
        return log == null ? 0 : log.at(tPs);
    }

    /** Budget changes so far, in order (the list grows as the run goes on; read it up to its current size). */
    List<BudgetEvent> budgetEvents() {
        return budget;
    }

    private void changed(long nowPs) {
        if (changes > 0 && changesPs[changes - 1] == nowPs) {
            return;
        }
        if (changes == changesPs.length) {
            changesPs = Arrays.copyOf(changesPs, changes * 2);
        }
        changesPs[changes++] = nowPs;
    }

    /** The instants strictly inside (fromPs, toPs) at which some followed item changed, in order. */
    long[] changesWithin(long fromPs, long toPs) {
        return within(changesPs, changes, fromPs, toPs);
    }

    /** The entries of {@code sortedPs[0, n)} strictly inside (fromPs, toPs), in order. */
    static long[] within(long[] sortedPs, int n, long fromPs, long toPs) {
        int lo = Arrays.binarySearch(sortedPs, 0, n, fromPs);
        lo = lo < 0 ? -lo - 1 : lo + 1;
        int hi = Arrays.binarySearch(sortedPs, 0, n, toPs);
        hi = hi < 0 ? -hi - 1 : hi;
        return lo < hi ? Arrays.copyOfRange(sortedPs, lo, hi) : new long[0];
    }
}
