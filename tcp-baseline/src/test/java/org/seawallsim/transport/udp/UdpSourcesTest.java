package org.seawallsim.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.testbed.Dumbbell;

/** UDP sources send at their configured rates whatever happens downstream. */
class UdpSourcesTest {
    private static final double PAYLOAD_FRACTION = 1472.0 / 1538; // payload / wire bytes of a full datagram

    private static double deliveredBps(UdpPattern pattern, long accessBps, long bottleneckBps, long durationPs) {
        SimContext ctx = new SimContext(9);
        Dumbbell d = Dumbbell.build(ctx, 1, accessBps, bottleneckBps, Time.ofMicros(10),
                QueueFactory.dropTail(100 * 1500));
        Transports tp = new Transports(ctx);
        FlowBytesRecorder rec = new FlowBytesRecorder();
        tp.probes().attach(rec);
        UdpFlow f = tp.udpFlow(new UdpFlowConfig(VmAddress.of(d.sender(0)), VmAddress.of(d.receiver()), pattern,
                UdpFlowConfig.FULL_PAYLOAD, "u"));
        f.start();
        ctx.loop().runUntil(durationPs);
        // The NIC never queues more than one datagram when the source paces at most at line rate.
        assertThat(d.sender(0).nic().queue().packets()).isLessThanOrEqualTo(1);
        return Rate.bps(rec.bytes(f.info().flowId()), durationPs);
    }

    @Test
    void lineRateFloodFillsTheNicExactly() {
        double bps = deliveredBps(new UdpPattern.LineRate(), Rate.gbps(10), Rate.gbps(10), Time.ofMillis(10));
        // Back to back at 10 Gb/s: 10 ms / 1.2304 us = 8127 datagrams; the last ~9 are still in flight (10 us
        // propagation plus two serializations), so within 0.2 %.
        assertThat(bps).isCloseTo(Rate.gbps(10) * PAYLOAD_FRACTION, within(0.002 * Rate.gbps(10)));
    }

    @Test
    void cbrSendsAtItsRateAndNeverBacksOffWhenDropped() {
        // 600 Mb/s into a 400 Mb/s bottleneck: a third is dropped, the source keeps sending; delivered payload is
        // the bottleneck's payload rate, 400 Mb/s * 1472/1538 (within 1 %: start-up transient of 100 packets).
        double bps = deliveredBps(new UdpPattern.Cbr(Rate.mbps(600)), Rate.gbps(1), Rate.mbps(400),
                Time.ofMillis(200));
        assertThat(bps).isCloseTo(Rate.mbps(400) * PAYLOAD_FRACTION, within(0.01 * Rate.mbps(400)));
    }

    @Test
    void poissonMeanRateMatches() {
        // 100 Mb/s mean over 1 s: ~8100 datagrams, so the count's relative standard deviation is 1.1 %; 4 % is
        // more than 3 sigma.
        double bps = deliveredBps(new UdpPattern.Poisson(Rate.mbps(100)), Rate.gbps(1), Rate.gbps(1),
                Time.ofSeconds(1));
        assertThat(bps).isCloseTo(Rate.mbps(100) * PAYLOAD_FRACTION, within(0.04 * Rate.mbps(100)));
    }

    @Test
    void onOffAveragesRateTimesDutyCycle() {
        // Fixed 2 ms on / 6 ms off at 800 Mb/s: 25 % duty cycle, 200 Mb/s average over 125 whole periods.
        double bps = deliveredBps(new UdpPattern.OnOff(Rate.mbps(800), Time.ofMillis(2), Time.ofMillis(6), false),
                Rate.gbps(1), Rate.gbps(1), Time.ofSeconds(1));
        assertThat(bps).isCloseTo(Rate.mbps(200) * PAYLOAD_FRACTION, within(0.01 * Rate.mbps(200)));
    }

    /**
     * On periods shorter than the gap between datagrams, or not a whole number of gaps: the source owes the rest of
     * its gap into the next on period instead of sending a fresh datagram at every on edge. Before, 1 Mb/s with 5 ms
     * on / 5 ms off sent one 1538-byte frame per 10 ms (1.18 Mb/s of payload for an average of 0.48), and 100 Mb/s
     * with 10 us / 10 us one per 20 us (589 against 47.9).
     */
    @ParameterizedTest(name = "{0} Mb/s, {1} us on / {2} us off")
    @CsvSource({"1, 5000, 5000", "100, 10, 10", "100, 100, 100", "300, 50, 150", "800, 7, 3"})
    void onOffKeepsItsAverageWhenPeriodsAreShortAgainstTheGap(long mbps, long onUs, long offUs) {
        long durationPs = Time.ofSeconds(1);
        double bps = deliveredBps(new UdpPattern.OnOff(Rate.mbps(mbps), Time.ofMicros(onUs), Time.ofMicros(offUs),
                false), Rate.gbps(1), Rate.gbps(1), durationPs);
        double expected = Rate.mbps(mbps) * onUs / (double) (onUs + offUs) * PAYLOAD_FRACTION;
        // Rate x duty cycle over whole periods, within one datagram over the second (12 304 bits at most) and 0.5 %
        // for the last period's part and datagrams still in flight.
        assertThat(bps).isCloseTo(expected, within(0.005 * expected + 12_304));
    }

    @Test
    void exponentialOnOffKeepsItsAverageWithPeriodsFarBelowTheGap() {
        // 10 Mb/s with 1 us mean on and off periods: the gap is 1.23 ms, ~600 periods per gap; the average is 5 Mb/s
        // (it was about the NIC rate). 1 s gives ~406 datagrams, whose count's spread from the exponential periods
        // is a few per cent; 10 % is over 3 sigma.
        double bps = deliveredBps(new UdpPattern.OnOff(Rate.mbps(10), Time.ofMicros(1), Time.ofMicros(1), true),
                Rate.gbps(1), Rate.gbps(1), Time.ofSeconds(1));
        assertThat(bps).isCloseTo(Rate.mbps(5) * PAYLOAD_FRACTION, within(0.1 * Rate.mbps(5)));
    }
}
