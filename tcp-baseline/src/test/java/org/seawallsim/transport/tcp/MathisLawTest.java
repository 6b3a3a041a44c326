package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.loss.RandomLossFilter;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.testbed.Dumbbell;

/**
 * R3: under Bernoulli loss p on data segments, one NewReno flow that the 10 Gb/s links never limit follows
 * BW = 1.22 MSS / (RTT sqrt p) (Mathis et al. 1997, one ACK per segment). RTT in the formula is the mean of the
 * flow's own RTT samples (base 1 ms plus serialization; the queue stays near empty).
 */
class MathisLawTest {
    static double[] run(double p, long oneWayPs, long durationPs, long seed) {
        SimContext ctx = new SimContext(seed);
        Dumbbell d = Dumbbell.build(ctx, 1, Rate.gbps(10), Rate.gbps(10), oneWayPs,
                QueueFactory.dropTail(10_000_000));
        d.switchNode().addIngressFilter(RandomLossFilter.onData(ctx, "mathis-loss", p));
        Transports tp = new Transports(ctx);
        FlowBytesRecorder rec = new FlowBytesRecorder();
        tp.probes().attach(rec);
        double[] rttSum = new double[2];
        tp.probes().attach(new org.seawallsim.transport.TransportProbe() {
            @Override
            public void onRttSample(FlowInfo flow, long rttPs, long srttPs, long rtoPs) {
                rttSum[0] += rttPs;
                rttSum[1]++;
            }
        });
        // Timestamps give an RTT sample per ACK. The minimum RTO is 5 ms (datacenter setting, about 4-5 RTTs):
        // the Mathis law excludes timeouts, and a 200-ms RTO would turn every rare timeout into a 200-RTT stall.
        TcpConfig tcp = TcpConfig.defaults().withTimestamps(true).withMinRto(Time.ofMillis(5));
        TcpFlow f = tp.tcpFlow(TcpFlowConfig.bulk(VmAddress.of(d.sender(0)), VmAddress.of(d.receiver()), tcp));
        f.start();
        long warmup = Time.ofSeconds(1);
        ctx.loop().runUntil(warmup);
        long b0 = rec.bytes(f.info().flowId());
        rttSum[0] = 0;
        rttSum[1] = 0;
        ctx.loop().runUntil(warmup + durationPs);
        double bps = Rate.bps(rec.bytes(f.info().flowId()) - b0, durationPs);
        double rtt = Time.toSeconds((long) (rttSum[0] / rttSum[1]));
        double mathis = 1.22 * 1448 * 8 / (rtt * Math.sqrt(p));
        return new double[] {bps, mathis, rtt, rec.timeouts(f.info().flowId())};
    }

    @ParameterizedTest(name = "p={0}")
    @CsvSource({"1e-4, 20", "1e-3, 10", "1e-2, 10"})
    void goodputFollowsSquareRootLaw(double p, int seconds) {
        // RTT 1 ms: at p = 1e-4 the law gives ~1.4 Gb/s, well below the 10 Gb/s links. 20 s at 1e-4 hold ~140
        // loss cycles of W/2 = 80 RTTs each; 10 s at 1e-3 and 1e-2 hold hundreds more.
        double[] r = run(p, Time.ofMicros(500), Time.ofSeconds(seconds), 1);
        System.out.printf("R3 p=%.0e: goodput=%.1f Mb/s, Mathis=%.1f Mb/s (mean RTT %.3f ms), ratio=%.3f, timeouts=%.0f%n",
                p, r[0] / 1e6, r[1] / 1e6, r[2] * 1e3, r[0] / r[1], r[3]);
        // Issue bar: within 25 %. The law is an approximation (periodic loss, no timeouts, no fast-recovery time),
        // and random rather than periodic loss shifts the constant by ~10-20 % (Padhye et al. 1998).
        assertThat(r[0]).isCloseTo(r[1], within(0.25 * r[1]));
    }

    @Tag("slow")
    @ParameterizedTest(name = "p={0}, RTT 200 us")
    @CsvSource({"1e-3", "1e-2"})
    void shortRtt(double p) {
        double[] r = run(p, Time.ofMicros(100), Time.ofSeconds(30), 2);
        assertThat(r[0]).isCloseTo(r[1], within(0.25 * r[1]));
    }
}
