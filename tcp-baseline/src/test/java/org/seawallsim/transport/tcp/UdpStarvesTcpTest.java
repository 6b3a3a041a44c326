package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.testbed.Dumbbell;
import org.seawallsim.transport.udp.UdpFlow;
import org.seawallsim.transport.udp.UdpFlowConfig;

/**
 * The attack later schemes must stop: a UDP flood at line rate and one TCP flow (different tenants, different hosts)
 * share a 1 Gb/s drop-tail bottleneck. UDP never backs off, TCP does, so TCP is starved.
 *
 * <p>TCP uses the Linux-like configuration of {@link FairnessTest} (timestamps, 12 us host jitter). With perfectly
 * clocked hosts the flood (one packet exactly every 12.304 us) and the ACK-clocked TCP flow phase-lock at the full
 * queue: TCP's packets always land just after a departure and UDP's just before the next one, so UDP absorbs the
 * drops and TCP keeps half the link (observed: 55 %). That is a simulation artifact, not the real outcome.
 */
class UdpStarvesTcpTest {
    @Test
    void lineRateUdpStarvesTcp() {
        SimContext ctx = new SimContext(3);
        Dumbbell d = Dumbbell.build(ctx, 2, Rate.gbps(1), Rate.gbps(1), Time.ofMicros(50),
                QueueFactory.dropTail(100 * 1500));
        Transports tp = new Transports(ctx);
        FlowBytesRecorder rec = new FlowBytesRecorder();
        tp.probes().attach(rec);
        TcpFlow tcp = tp.tcpFlow(TcpFlowConfig.bulk(new VmAddress(d.sender(0), 0, 0), new VmAddress(d.receiver(), 2, 0),
                FairnessTest.LINUX_LIKE));
        UdpFlow udp = tp.udpFlow(UdpFlowConfig.flood(new VmAddress(d.sender(1), 1, 1), new VmAddress(d.receiver(), 3, 1)));
        tcp.start();
        // The flood starts 100 ms later, when TCP already owns the link.
        udp.startAt(Time.ofMillis(100));
        long from = Time.ofMillis(300);
        long window = Time.ofSeconds(3);
        ctx.loop().runUntil(from);
        long t0 = rec.bytes(tcp.info().flowId());
        long u0 = rec.bytes(udp.info().flowId());
        ctx.loop().runUntil(from + window);
        double tcpBps = Rate.bps(rec.bytes(tcp.info().flowId()) - t0, window);
        double udpBps = Rate.bps(rec.bytes(udp.info().flowId()) - u0, window);
        System.out.printf("UDP vs TCP: TCP %.2f Mb/s (%.2f %% of link), UDP %.1f Mb/s, TCP timeouts %d%n",
                tcpBps / 1e6, tcpBps / 1e7, udpBps / 1e6, rec.timeouts(tcp.info().flowId()));
        // Issue bar: TCP below 5 % of the link.
        assertThat(tcpBps).isLessThan(0.05 * Rate.gbps(1));
        // UDP payload at line rate: 1472/1538 of 1 Gb/s = 957.1 Mb/s, minus what TCP still gets (< 5 %).
        assertThat(udpBps).isCloseTo(957.1e6, within(0.05 * 957.1e6));
    }
}
