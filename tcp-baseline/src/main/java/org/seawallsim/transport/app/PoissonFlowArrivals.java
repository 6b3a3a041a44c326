package org.seawallsim.transport.app;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.tcp.TcpFlow;
import org.seawallsim.transport.tcp.TcpFlowConfig;

/**
 * Generates sized TCP flows at Poisson arrival times (one pending wake-up: the next arrival). Flow completion
 * times are reported by the flows themselves through {@code TransportProbe.onFlowComplete}.
 */
public final class PoissonFlowArrivals implements EventTarget {
    private final Transports transports;
    private final EventLoop loop;
    private final PoissonArrivalsConfig config;
    private final SplittableRandom random;
    private final double meanGapPs;
    private long handle = EventLoop.NO_EVENT;
    private long stopPs = Long.MAX_VALUE;
    private int generated;
    /**
     * Flows started and perhaps not yet done: stop() aborts them, as it aborts a bulk or shuffle flow. They ran on
     * after a timeline stop, at 941 Mb/s for 0.5 s against an ideal of 0, and finished into fct.csv.
     */
    private final List<TcpFlow> running = new ArrayList<>();
    /** Size of {@link #running} at which finished flows are next pruned from it (twice the unfinished, at least). */
    private int pruneAt = 64;
    private ArrivalListener listener;

    /** Told of every arrival when it is drawn, before its flow starts. */
    public interface ArrivalListener {
        /** A flow of {@code sizeBytes} payload bytes to {@code dst} arrived at {@code atPs}. */
        void arrived(VmAddress dst, long sizeBytes, long atPs);
    }

    public PoissonFlowArrivals(Transports transports, PoissonArrivalsConfig config) {
        this(transports, config, draws(transports, config));
    }

    /**
     * Draws gaps, endpoints and sizes from {@code random}, which a source restarted after a stop passes on from its
     * previous generator: a new stream of the same name would replay the first phase's arrivals exactly, sizes and
     * offsets from the start alike (outside probe: flow 48 of 82 574 B at 0.4038 s, a copy of flow 1 at 0.0038 s).
     */
    public PoissonFlowArrivals(Transports transports, PoissonArrivalsConfig config, SplittableRandom random) {
        this.transports = transports;
        this.loop = transports.context().loop();
        this.config = config;
        this.random = random;
        this.meanGapPs = Time.PS_PER_S / config.arrivalsPerSecond();
    }

    /** The seeded stream a generator of {@code config} draws from when it is the first of its label. */
    public static SplittableRandom draws(Transports transports, PoissonArrivalsConfig config) {
        return transports.context().random().stream("transport/arrivals/" + config.label());
    }

    /**
     * Tells {@code l} of each arrival (its destination and size), so that a caller can know what was offered when it
     * was offered, whatever the network then does with it (null: no one).
     */
    public void setArrivalListener(ArrivalListener l) {
        listener = l;
    }

    /** First arrival one exponential gap after now; arrivals continue until {@link #stop()} or {@code stopAt}. */
    public void start() {
        handle = loop.schedule(loop.nowPs() + gap(), this, 0);
    }

    /** No arrivals after {@code atPs}; flows already running finish. */
    public void stopAt(long atPs) {
        stopPs = atPs;
    }

    /** No more arrivals, and the flows still sending are aborted (packets in flight still arrive). */
    public void stop() {
        loop.cancel(handle);
        stopPs = loop.nowPs();
        for (TcpFlow f : running) {
            if (!done(f)) {
                f.stop();
            }
        }
        running.clear();
    }

    private static boolean done(TcpFlow f) {
        return f.bytesAcked() >= f.config().sizeBytes();
    }

    public int generated() {
        return generated;
    }

    private long gap() {
        return Math.max(1, Math.round(-StrictMath.log(1 - random.nextDouble()) * meanGapPs));
    }

    @Override
    public void onEvent(int tag) {
        if (loop.nowPs() > stopPs) {
            return;
        }
        VmAddress src;
        VmAddress dst;
        do {
            src = config.sources().get(random.nextInt(config.sources().size()));
            dst = config.destinations().get(random.nextInt(config.destinations().size()));
        } while (src.host() == dst.host());
        long size = config.sizes().sample(random);
        if (listener != null) {
            listener.arrived(dst, size, loop.nowPs());
        }
        TcpFlow f = transports.tcpFlow(new TcpFlowConfig(src, dst, config.tcp(), size, config.label()));
        f.start();
        generated++;
        running.add(f);
        if (running.size() >= pruneAt) {
            running.removeIf(PoissonFlowArrivals::done);
            pruneAt = Math.max(64, 2 * running.size());
        }
        handle = loop.schedule(loop.nowPs() + gap(), this, 0);
    }
}
