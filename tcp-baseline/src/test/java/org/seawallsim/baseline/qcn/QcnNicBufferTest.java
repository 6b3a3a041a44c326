package org.seawallsim.baseline.qcn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.PeakQueueProbe;
import org.seawallsim.baseline.TcpRun;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * A QCN NIC has one buffer, shared by its FIFO and its rate limiters' queues: with every limiter's queue limited
 * only by the NIC buffer (the default), a NIC held up to (limiters + 1) x its buffer (4 hosts x 2 TCP flows into a
 * 1 Gb/s port: 1 998 000 B in a 1 000 000 B NIC). The occupancy is checked at every admission, not sampled.
 */
class QcnNicBufferTest {
    private static final long BUFFER = 150_000;


    private static int maxLimiters(TcpRun run) {
        int n = 0;
        for (var h : run.tn.senders) {
            n = Math.max(n, ((QcnNicQueue) h.nic().queue()).activeLimiters());
        }
        return n;
    }

    @Test
    void twoLimitedUdpFloodsShareOneNicBuffer() {
        // One 10 Gb/s host floods twice into a 1 Gb/s port: both flows get limiters well below the rate they are fed.
        TcpRun run = new TcpRun(3, new QcnScheme(QcnConfig.defaults()), new int[] {0}, null, Rate.gbps(10),
                Rate.gbps(1), Time.ofMicros(2), BUFFER);
        PeakQueueProbe peak = new PeakQueueProbe(run.tn.senders.stream().map(h -> h.nic()).toList());
        run.tn.ctx.probes().attach(peak);
        run.udpFlood(0, 0);
        run.udpFlood(0, Time.ofMicros(5));
        run.tn.ctx.loop().runUntil(Time.ofMillis(30));
        System.out.printf("QCN 2 UDP floods: NIC peak %d B of %d, %d limiters%n", peak.peakBytes(), BUFFER,
                maxLimiters(run));
        assertThat(maxLimiters(run)).isEqualTo(2);
        assertThat(peak.peakBytes()).isLessThanOrEqualTo(BUFFER).isGreaterThan(BUFFER - 2 * 1500);
    }

    @Test
    void tcpFlowsBehindLimitersNeverHoldMoreThanTheNicBuffer() {
        // 4 hosts x 2 NewReno flows into one 1 Gb/s port; each NIC's limiters back up the flows' windows.
        TcpRun run = new TcpRun(7, new QcnScheme(QcnConfig.defaults()), new int[] {0, 1, 2, 3}, null, Rate.gbps(1),
                Rate.gbps(1), Time.ofMicros(2), BUFFER);
        PeakQueueProbe peak = new PeakQueueProbe(run.tn.senders.stream().map(h -> h.nic()).toList());
        run.tn.ctx.probes().attach(peak);
        for (int h = 0; h < 4; h++) {
            run.tcp(h, Time.ofMicros(3 * h));
            run.tcp(h, Time.ofMicros(3 * h + 7));
        }
        run.tn.ctx.loop().runUntil(Time.ofMillis(300));
        System.out.printf("QCN 4x2 TCP: NIC peak %d B of %d%n", peak.peakBytes(), BUFFER);
        assertThat(peak.peakBytes()).isLessThanOrEqualTo(BUFFER);
    }
}
