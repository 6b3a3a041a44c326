package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.testbed.Dumbbell;

/**
 * DCTCP against its fluid model (Alizadeh et al. 2010, section 3.3): N synchronized flows, K = 65 packets at
 * 10 Gb/s. The model gives Q_max = K + N and alpha = sqrt(2 / W*) with W* = (C RTT + K) / N packets.
 */
class DctcpModelTest {
    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {2, 8})
    void queuePeakAndAlphaFollowTheModel(int n) {
        SimContext ctx = new SimContext(8);
        int k = 65;
        Dumbbell d = Dumbbell.build(ctx, n, Rate.gbps(10), Rate.gbps(10), Time.ofMicros(50),
                (name, owner, rate) -> new FifoQueue(1_000_000).withEcnThreshold(k * 1500L));
        Transports tp = new Transports(ctx);
        TcpFlow[] flows = new TcpFlow[n];
        for (int i = 0; i < n; i++) {
            flows[i] = tp.tcpFlow(TcpFlowConfig.bulk(VmAddress.of(d.sender(i)), VmAddress.of(d.receiver()),
                    TcpConfig.of(TcpVariant.DCTCP)));
            flows[i].startAt(Time.ofMicros(3L * i));
        }
        EgressPort port = d.bottleneck();
        ctx.loop().runUntil(Time.ofMillis(100));
        int[] max = {0};
        double[] alphaSum = {0, 0};
        // Sample every 5 us (4 packet times) for 100 ms.
        EventTarget sampler = new EventTarget() {
            @Override
            public void onEvent(int tag) {
                max[0] = Math.max(max[0], port.queue().packets());
                for (TcpFlow f : flows) {
                    alphaSum[0] += f.dctcpAlpha();
                    alphaSum[1]++;
                }
                if (ctx.nowPs() < Time.ofMillis(200)) {
                    ctx.loop().scheduleIn(Time.ofMicros(5), this, 0);
                }
            }
        };
        ctx.loop().scheduleIn(Time.ofMicros(5), sampler, 0);
        ctx.loop().runUntil(Time.ofMillis(200));
        // C x RTT: 100 us of propagation plus one frame per hop, in 1538-B frames at 10 Gb/s.
        double bdp = Rate.gbps(10) * Time.toSeconds(Time.ofMicros(100) + 2 * 1_230_400L) / (1538 * 8);
        double wStar = (bdp + k) / n;
        double alphaModel = Math.sqrt(2 / wStar);
        double alpha = alphaSum[0] / alphaSum[1];
        System.out.printf("DCTCP N=%d: Qmax %d pkts (model K+N = %d), mean alpha %.3f (model %.3f), W* %.1f%n", n,
                max[0], k + n, alpha, alphaModel, wStar);
        // Observed: Q_max 68 / 74 against 67 / 73 and alpha 0.176 / 0.335 against 0.164 / 0.328 (N = 2 / 8).
        // The model is a fluid one (packets are integral, the last marked window overshoots by up to one packet
        // per flow and ACK): allow 3 packets on Q_max. Its alpha law is first order in alpha (the paper's
        // derivation drops alpha^2 terms, ~alpha/4 relative): allow 15 %.
        assertThat((double) max[0]).isCloseTo(k + n, within(3.0));
        assertThat(alpha).isCloseTo(alphaModel, within(0.15 * alphaModel));
    }
}
