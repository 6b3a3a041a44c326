package org.seawallsim.baseline.qcn;

import java.util.SplittableRandom;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;

/**
 * An 802.1Qau congestion point wrapped around a switch egress queue. Arriving frames decrement a byte counter; when
 * it runs out the CP computes Fb = -(Qoff + w·Qdelta) with Qoff = Q - Qeq and Qdelta = Q - Qold (Q measured just after
 * the arrival, as in the Linux CP prototype), quantizes -Fb to 6 bits over [0, Qeq(2w+1)], and if the result is
 * positive sends a 64-byte CNM frame from this switch back to the sampled frame's source host. The next sample comes
 * after base/(1 + qntzFb/8) bytes, optionally jittered. Buffering, dropping and marking are the wrapped discipline's.
 *
 * <p>Simplifications: one CN priority (all data frames are CP-controlled); CNMs themselves are neither sampled nor
 * counted; a frame the inner queue drops is still sampled (its header is known), which only matters under overflow.
 */
public final class CongestionPoint extends QueueDiscipline {
    /** IP-level size that makes a minimum 64-byte Ethernet frame (14 + 46 + 4). */
    public static final int CNM_SIZE_BYTES = 46;
    /** Priority CNMs are sent at (the standard sends them at a configurable CNM priority; here the highest). */
    public static final int CNM_PRIORITY = 7;

    private final QueueDiscipline inner;
    private final Switch sw;
    private final QcnCpConfig config;
    private final SplittableRandom jitter;
    private long timeToMarkBytes;
    private long qOldBytes;
    private long samples;
    private long cnmsSent;

    /**
     * @param jitter seeded stream for sampling jitter; may be null when {@code config.jitterFraction()} is 0
     */
    public CongestionPoint(QueueDiscipline inner, Switch sw, QcnCpConfig config, SplittableRandom jitter) {
        if (config.jitterFraction() > 0 && jitter == null) {
            throw new IllegalArgumentException("jitterFraction " + config.jitterFraction()
                    + " needs a random stream, got null");
        }
        this.inner = inner;
        this.sw = sw;
        this.config = config;
        this.jitter = jitter;
        this.timeToMarkBytes = nextInterval(0);
    }

    @Override
    protected void attach(EgressPort p) {
        super.attach(p);
        attachInner(inner, p);
    }

    /** 6-bit quantized feedback for raw feedback {@code fb}: 0 when fb >= 0, else floor(-fb·63 / fbMax), max 63. */
    public static int quantize(long fb, long fbMaxBytes) {
        if (fb >= 0) {
            return 0;
        }
        if (-fb >= fbMaxBytes) {
            return 63;
        }
        return (int) (-fb * 63 / fbMaxBytes);
    }

    /** Bytes until the next sample after feedback {@code qntzFb}: base / (1 + qntzFb/8). */
    public static long sampleIntervalBytes(int qntzFb, long sampleBaseBytes) {
        return sampleBaseBytes / (1 + (qntzFb >> 3));
    }

    private long nextInterval(int qntzFb) {
        long base = sampleIntervalBytes(qntzFb, config.sampleBaseBytes());
        if (config.jitterFraction() == 0) {
            return base;
        }
        double f = 1 + config.jitterFraction() * (2 * jitter.nextDouble() - 1);
        return Math.max(1, Math.round(base * f));
    }

    @Override
    public boolean enqueue(Packet p) {
        if (p.kind == Packet.KIND_CNM) {
            return inner.enqueue(p);
        }
        int size = p.sizeBytes + p.encapBytes;
        int srcHost = p.srcHost;
        long flowHash = p.flowHash;
        int flowId = p.flowId;
        boolean accepted = inner.enqueue(p);
        timeToMarkBytes -= size;
        if (timeToMarkBytes <= 0) {
            sample(srcHost, flowHash, flowId);
        }
        return accepted;
    }

    private void sample(int srcHost, long flowHash, int flowId) {
        samples++;
        long q = inner.bytes();
        long qOff = q - config.qeqBytes();
        long qDelta = q - qOldBytes;
        long fb = -(qOff + config.w() * qDelta);
        qOldBytes = q;
        int qntz = quantize(fb, config.fbMaxBytes());
        timeToMarkBytes = nextInterval(qntz);
        if (qntz > 0 && srcHost >= 0) {
            sendCnm(srcHost, flowHash, flowId, qntz, -qOff, qDelta);
        }
    }

    private void sendCnm(int dstHost, long flowHash, int flowId, int qntz, long qOff, long qDelta) {
        Packet c = sw.context().packets().acquire();
        c.kind = Packet.KIND_CNM;
        c.srcHost = -1;
        c.dstHost = dstHost;
        c.flowHash = flowHash;
        c.flowId = flowId;
        c.sizeBytes = CNM_SIZE_BYTES;
        c.priority = CNM_PRIORITY;
        c.createdPs = sw.context().nowPs();
        c.control = new Cnm(flowHash, flowId, qntz, qOff, qDelta, port.name());
        cnmsSent++;
        sw.forward(c);
    }

    @Override
    public Packet dequeue() {
        return inner.dequeue();
    }

    @Override
    public long bytes() {
        return inner.bytes();
    }

    @Override
    public int packets() {
        return inner.packets();
    }

    @Override
    public long capacityBytes() {
        return inner.capacityBytes();
    }

    @Override
    public long nextEligiblePs() {
        return inner.nextEligiblePs();
    }

    public QueueDiscipline inner() {
        return inner;
    }

    public long samples() {
        return samples;
    }

    public long cnmsSent() {
        return cnmsSent;
    }

    @Override
    public String describe() {
        return "qcn-cp(Qeq=" + config.qeqBytes() + "B, w=" + config.w() + ", " + inner.describe() + ")";
    }
}
