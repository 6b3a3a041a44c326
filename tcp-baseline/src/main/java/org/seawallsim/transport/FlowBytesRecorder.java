package org.seawallsim.transport;

import java.util.Arrays;

/**
 * A ready-made recorder of per-flow counters, indexed by flow id: bytes acknowledged (TCP) or delivered (UDP),
 * retransmitted segments, timeouts, fast retransmits. Snapshots let callers compute rates over windows.
 */
public final class FlowBytesRecorder implements TransportProbe {
    private long[] bytes = new long[16];
    private long[] retransmits = new long[16];
    private long[] timeouts = new long[16];
    private long[] fastRetransmits = new long[16];
    private int maxId = -1;

    private void ensure(int id) {
        if (id >= bytes.length) {
            int n = Math.max(id + 1, bytes.length * 2);
            bytes = Arrays.copyOf(bytes, n);
            retransmits = Arrays.copyOf(retransmits, n);
            timeouts = Arrays.copyOf(timeouts, n);
            fastRetransmits = Arrays.copyOf(fastRetransmits, n);
        }
        if (id > maxId) {
            maxId = id;
        }
    }

    @Override
    public void onFlowStart(FlowInfo flow) {
        ensure(flow.flowId());
    }

    @Override
    public void onAcked(FlowInfo flow, long newlyAckedBytes, long totalAckedBytes) {
        ensure(flow.flowId());
        bytes[flow.flowId()] += newlyAckedBytes;
    }

    @Override
    public void onUdpDelivered(FlowInfo flow, int payloadBytes) {
        ensure(flow.flowId());
        bytes[flow.flowId()] += payloadBytes;
    }

    @Override
    public void onRetransmit(FlowInfo flow, long seq, int payloadBytes, boolean afterTimeout) {
        ensure(flow.flowId());
        retransmits[flow.flowId()]++;
    }

    @Override
    public void onTimeout(FlowInfo flow, int backoffCount, long newRtoPs) {
        ensure(flow.flowId());
        timeouts[flow.flowId()]++;
    }

    @Override
    public void onFastRetransmit(FlowInfo flow, long seq) {
        ensure(flow.flowId());
        fastRetransmits[flow.flowId()]++;
    }

    /** Goodput bytes of a flow: acknowledged (TCP) or delivered payload (UDP). */
    public long bytes(int flowId) {
        return flowId < bytes.length ? bytes[flowId] : 0;
    }

    public long retransmits(int flowId) {
        return flowId < retransmits.length ? retransmits[flowId] : 0;
    }

    public long timeouts(int flowId) {
        return flowId < timeouts.length ? timeouts[flowId] : 0;
    }

    public long fastRetransmits(int flowId) {
        return flowId < fastRetransmits.length ? fastRetransmits[flowId] : 0;
    }

    /** Copy of the byte counters of flows 0..n-1. */
    public long[] snapshot(int n) {
        long[] out = new long[n];
        System.arraycopy(bytes, 0, out, 0, Math.min(n, bytes.length));
        return out;
    }

    public long totalBytes() {
        long t = 0;
        for (int i = 0; i <= maxId; i++) {
            t += bytes[i];
        }
        return t;
    }

    public long totalTimeouts() {
        long t = 0;
        for (int i = 0; i <= maxId; i++) {
            t += timeouts[i];
        }
        return t;
    }

    public long totalRetransmits() {
        long t = 0;
        for (int i = 0; i <= maxId; i++) {
            t += retransmits[i];
        }
        return t;
    }
}
