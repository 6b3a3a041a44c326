package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** R1: a single NewReno flow fills a 1 Gb/s link; goodput is the payload fraction of the 1538-B wire frame. */
class LineRateGoodputTest {
    @ParameterizedTest(name = "{0} Gb/s, timestamps={1}")
    @CsvSource({"1, false, 949.3", "1, true, 941.5", "10, false, 9493.5", "10, true, 9414.8"})
    void oneFlowReachesPayloadFractionOfLineRate(int gbps, boolean timestamps, double expectedMbps) {
        SimContext ctx = new SimContext(1);
        // Ample buffer: 2 MB at the bottleneck, more than the 1 MB receive window, so nothing is ever dropped and
        // the window (far above the BDP: ~13 KB at 1 Gb/s, ~125 KB at 10 Gb/s) keeps the link busy.
        Dumbbell d = Dumbbell.build(ctx, 1, Rate.gbps(gbps), Rate.gbps(gbps), Time.ofMicros(50),
                QueueFactory.dropTail(2_000_000));
        Transports tp = new Transports(ctx);
        FlowBytesRecorder rec = new FlowBytesRecorder();
        tp.probes().attach(rec);
        TcpConfig tcp = TcpConfig.defaults().withTimestamps(timestamps).withReceiveWindow(1 << 20);
        TcpFlow f = tp.tcpFlow(TcpFlowConfig.bulk(VmAddress.of(d.sender(0)), VmAddress.of(d.receiver()), tcp));
        f.start();
        long warmup = Time.ofMillis(100);
        long window = Time.ofMillis(500 / gbps);
        ctx.loop().runUntil(warmup);
        long b0 = rec.bytes(f.info().flowId());
        ctx.loop().runUntil(warmup + window);
        long b1 = rec.bytes(f.info().flowId());
        double mbps = Rate.bps(b1 - b0, window) / 1e6;
        // Closed form: rate x MSS / 1538 wire bytes = 949.35 (MSS 1460) or 941.48 (MSS 1448) Mb/s per Gb/s. The
        // issue allows 0.5 %; the only deviation is one segment of granularity at the window edges (1460 B in
        // 59 MB, 0.003 %), so 0.5 % is generous but is the stated bar.
        System.out.printf("R1 %d Gb/s timestamps=%s: %.2f Mb/s (expected %.1f)%n", gbps, timestamps, mbps,
                expectedMbps);
        assertThat(mbps).isCloseTo(expectedMbps, within(expectedMbps * 0.005));
        assertThat(rec.totalRetransmits()).isZero();
        assertThat(f.cwndBytes()).isGreaterThan(25_000);
    }
}
