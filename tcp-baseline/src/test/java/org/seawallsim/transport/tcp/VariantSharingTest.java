package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.testbed.Dumbbell;

/**
 * CUBIC and DCTCP share like NewReno at datacenter RTTs: per flow. Same dumbbell as {@link FairnessTest} (1 Gb/s,
 * 100 us RTT, 100 packets), with an ECN step at 20 packets that only DCTCP's ECT packets see.
 */
class VariantSharingTest {
    static double[] run(TcpVariant[] variants, long seed) {
        SimContext ctx = new SimContext(seed);
        Dumbbell d = Dumbbell.build(ctx, variants.length, Rate.gbps(10), Rate.gbps(1), Time.ofMicros(50),
                (name, owner, rate) -> new FifoQueue(100 * 1500L).withEcnThreshold(20 * 1500L));
        Transports tp = new Transports(ctx);
        FlowBytesRecorder rec = new FlowBytesRecorder();
        tp.probes().attach(rec);
        SplittableRandom jitter = ctx.random().stream("test/variants/start");
        for (int i = 0; i < variants.length; i++) {
            tp.tcpFlow(TcpFlowConfig.bulk(VmAddress.of(d.sender(i)), VmAddress.of(d.receiver()),
                    TcpConfig.linuxLike().withVariant(variants[i]))).startAt(jitter.nextLong(Time.ofMillis(10)));
        }
        long warmup = Time.ofSeconds(2);
        long window = Time.ofSeconds(10);
        ctx.loop().runUntil(warmup);
        long[] a = rec.snapshot(variants.length);
        ctx.loop().runUntil(warmup + window);
        long[] b = rec.snapshot(variants.length);
        double[] bps = new double[variants.length];
        for (int i = 0; i < bps.length; i++) {
            bps[i] = Rate.bps(b[i] - a[i], window);
        }
        return bps;
    }

    @Test
    void cubicFlowsShareEvenlyAndCubicIsRenoFriendlyAtShortRtt() {
        double[] cc = run(new TcpVariant[] {TcpVariant.CUBIC, TcpVariant.CUBIC, TcpVariant.CUBIC, TcpVariant.CUBIC},
                2);
        double[] cr = run(new TcpVariant[] {TcpVariant.CUBIC, TcpVariant.NEWRENO}, 2);
        double[] dd = run(new TcpVariant[] {TcpVariant.DCTCP, TcpVariant.DCTCP, TcpVariant.DCTCP}, 2);
        System.out.printf("4 CUBIC: Jain %.4f; CUBIC vs NewReno: %.1f / %.1f Mb/s; 3 DCTCP: Jain %.4f, %.1f Mb/s%n",
                FairnessTest.jain(cc), cr[0] / 1e6, cr[1] / 1e6, FairnessTest.jain(dd),
                (dd[0] + dd[1] + dd[2]) / 1e6);
        // Same bar as R2 for flows of one variant.
        assertThat(FairnessTest.jain(cc)).isGreaterThanOrEqualTo(0.95);
        assertThat(FairnessTest.jain(dd)).isGreaterThanOrEqualTo(0.95);
        // DCTCP keeps the link full with a 20-packet marking threshold (K > C RTT / 7 holds: 20 > 1.2).
        assertThat(dd[0] + dd[1] + dd[2]).isGreaterThan(0.97 * 941.5e6);
        // At a 100-us RTT, W_cubic barely moves within an epoch and the TCP-friendly estimate (Reno's average rate
        // by construction) drives CUBIC. CUBIC still backs off less (beta 0.7 against 0.5), so it may take more
        // than half, but not much more: NewReno keeps at least 40 % (observed 48 %).
        assertThat(cr[1] / (cr[0] + cr[1])).isGreaterThan(0.40);
    }
}
