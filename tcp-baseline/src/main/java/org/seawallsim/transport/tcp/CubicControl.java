package org.seawallsim.transport.tcp;

import org.seawallsim.engine.time.Time;

/**
 * RFC 8312 CUBIC in units of segments: W(t) = C (t - K)^3 + W_max after each loss epoch, multiplicative decrease by
 * beta, fast convergence, and the TCP-friendly region in the incremental form of RFC 9438 section 4.3 (W_est grows by
 * 3(1-beta)/(1+beta) segments per window, so CUBIC is never slower than Reno at the same loss rate). K follows the
 * form cbrt((W_max - cwnd)/C) so that it stays right when fast convergence has lowered W_max below the old window.
 */
final class CubicControl extends CongestionControl {
    private final double c;
    private final double beta;
    private final double aimdAlpha;
    private double wMax;
    private double wLastMax;
    private double k;
    private double origin;
    private double wEst;
    private long epochStartPs = -1;

    CubicControl(TcpSender sender, double c, double beta) {
        super(sender);
        this.c = c;
        this.beta = beta;
        this.aimdAlpha = 3 * (1 - beta) / (1 + beta);
    }

    @Override
    void onNewAck(long ackedBytes) {
        if (s.cwnd < s.ssthresh) {
            slowStart(ackedBytes);
            return;
        }
        double mss = s.mss;
        double w = s.cwnd / mss;
        long now = s.loop.nowPs();
        if (epochStartPs < 0) {
            epochStartPs = now;
            if (w < wMax) {
                k = StrictMath.cbrt((wMax - w) / c);
                origin = wMax;
            } else {
                k = 0;
                origin = w;
            }
            wEst = w;
        }
        double acked = ackedBytes / mss;
        double t = Time.toSeconds(now - epochStartPs);
        double rtt = s.rto.srttPs > 0 ? Time.toSeconds(s.rto.srttPs) : 1e-4;
        double dt = t - k;
        double wCubicNow = origin + c * dt * dt * dt;
        double dtNext = t + rtt - k;
        double target = origin + c * dtNext * dtNext * dtNext;
        wEst += aimdAlpha * acked / w;
        if (wCubicNow < wEst) {
            s.cwnd = Math.max(s.cwnd, wEst * mss);
        } else if (target > w) {
            s.cwnd += (target - w) / w * acked * mss;
        }
    }

    @Override
    long ssthreshOnLoss() {
        double w = s.cwnd / s.mss;
        wMax = w;
        if (wMax < wLastMax) {
            wLastMax = wMax;
            wMax = wMax * (1 + beta) / 2;
        } else {
            wLastMax = wMax;
        }
        epochStartPs = -1;
        return Math.max((long) (s.cwnd * beta), 2L * s.mss);
    }

    @Override
    void onRecoveryExit() {
        epochStartPs = -1;
    }
}
