package org.seawallsim.transport;

import java.util.Arrays;

/**
 * Fans transport events out to attached recorders. With nothing attached, models skip the calls after one
 * {@link #isEmpty()} check.
 */
public final class TransportProbes {
    private TransportProbe[] probes = new TransportProbe[0];
    /**
     * The probes that count received bytes: {@link #received} runs once per data segment, and most recorders (the
     * benchmarks' among them) leave it a no-op, so a receiver skips the call, and the bytes' accounting, when
     * none does.
     */
    private TransportProbe[] receivers = new TransportProbe[0];

    public void attach(TransportProbe probe) {
        if (probe == null) {
            throw new IllegalArgumentException("probe must not be null");
        }
        probes = Arrays.copyOf(probes, probes.length + 1);
        probes[probes.length - 1] = probe;
        if (overridesOnReceived(probe)) {
            receivers = Arrays.copyOf(receivers, receivers.length + 1);
            receivers[receivers.length - 1] = probe;
        }
    }

    private static boolean overridesOnReceived(TransportProbe probe) {
        try {
            return probe.getClass().getMethod("onReceived", FlowInfo.class, long.class).getDeclaringClass()
                    != TransportProbe.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if an attached probe counts received bytes ({@link TransportProbe#onReceived}). */
    public boolean countsReceived() {
        return receivers.length > 0;
    }

    public boolean isEmpty() {
        return probes.length == 0;
    }

    public void flowStart(FlowInfo f) {
        for (TransportProbe p : probes) {
            p.onFlowStart(f);
        }
    }

    public void sourcePhase(FlowInfo f, boolean on) {
        for (TransportProbe p : probes) {
            p.onSourcePhase(f, on);
        }
    }

    public void acked(FlowInfo f, long newly, long total) {
        for (TransportProbe p : probes) {
            p.onAcked(f, newly, total);
        }
    }

    public void received(FlowInfo f, long newBytes) {
        for (TransportProbe p : receivers) {
            p.onReceived(f, newBytes);
        }
    }

    public void udpDelivered(FlowInfo f, int bytes) {
        for (TransportProbe p : probes) {
            p.onUdpDelivered(f, bytes);
        }
    }

    public void udpSent(FlowInfo f, int bytes) {
        for (TransportProbe p : probes) {
            p.onUdpSent(f, bytes);
        }
    }

    public void retransmit(FlowInfo f, long seq, int bytes, boolean afterTimeout) {
        for (TransportProbe p : probes) {
            p.onRetransmit(f, seq, bytes, afterTimeout);
        }
    }

    public void timeout(FlowInfo f, int backoff, long rtoPs) {
        for (TransportProbe p : probes) {
            p.onTimeout(f, backoff, rtoPs);
        }
    }

    public void duplicateAck(FlowInfo f, long ack, boolean dataOutstanding) {
        for (TransportProbe p : probes) {
            p.onDuplicateAck(f, ack, dataOutstanding);
        }
    }

    public void fastRetransmit(FlowInfo f, long seq) {
        for (TransportProbe p : probes) {
            p.onFastRetransmit(f, seq);
        }
    }

    public void cwnd(FlowInfo f, double cwnd, long ssthresh) {
        for (TransportProbe p : probes) {
            p.onCwnd(f, cwnd, ssthresh);
        }
    }

    public void rttSample(FlowInfo f, long rttPs, long srttPs, long rtoPs) {
        for (TransportProbe p : probes) {
            p.onRttSample(f, rttPs, srttPs, rtoPs);
        }
    }

    public void dctcpAlpha(FlowInfo f, double alpha) {
        for (TransportProbe p : probes) {
            p.onDctcpAlpha(f, alpha);
        }
    }

    public void flowStopped(FlowInfo f) {
        for (TransportProbe p : probes) {
            p.onFlowStopped(f);
        }
    }

    public void flowComplete(FlowInfo f, long size, long startPs, long endPs) {
        for (TransportProbe p : probes) {
            p.onFlowComplete(f, size, startPs, endPs);
        }
    }

    public void incastRound(String label, int round, int servers, long bytes, long startPs, long endPs) {
        for (TransportProbe p : probes) {
            p.onIncastRound(label, round, servers, bytes, startPs, endPs);
        }
    }
}
