package org.seawallsim.transport.tcp;

/**
 * RFC 8257 sender: counts the bytes acknowledged with ECE over each window of data, folds the marked fraction into
 * alpha with gain g, and on ECE cuts cwnd by alpha/2 at most once per window. Growth and loss response are NewReno.
 */
final class DctcpControl extends NewRenoControl {
    private final double g;
    private double alpha;
    private long bytesAcked;
    private long bytesMarked;
    private long windowEnd;
    /** No further ECE reaction until the cumulative ACK passes this sequence (once per window). */
    private long cwrEnd = -1;

    DctcpControl(TcpSender sender, double g, double initialAlpha) {
        super(sender);
        this.g = g;
        this.alpha = initialAlpha;
    }

    double alpha() {
        return alpha;
    }

    @Override
    void onAckEcn(long ackedBytes, boolean ece) {
        bytesAcked += ackedBytes;
        if (ece) {
            bytesMarked += ackedBytes;
        }
        if (s.sndUna > windowEnd) {
            double m = bytesAcked > 0 ? (double) bytesMarked / bytesAcked : 0;
            alpha = (1 - g) * alpha + g * m;
            windowEnd = s.sndMax;
            bytesAcked = 0;
            bytesMarked = 0;
            s.emitAlpha(alpha);
        }
        if (ece && s.sndUna > cwrEnd && !s.recovery.inRecovery) {
            // Linux floors the reduced window at two segments, as for loss.
            s.cwnd = Math.max(s.cwnd * (1 - alpha / 2), 2.0 * s.mss);
            s.ssthresh = (long) s.cwnd;
            cwrEnd = s.sndMax;
            // Linux's DCTCP enters CWR here as classic ECN does, so the next new segment carries CWR (a DCTCP
            // receiver ignores it; traces showed DCTCP senders never setting it).
            s.windowReduced();
        }
    }
}
