package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.testbed.Dumbbell;

/** The transport adds no events per packet: retransmission timers are lazy deadlines with one wake-up per flow. */
class TimerCostTest {
    @Test
    void bulkFlowsCostOnlyTheNetworksFourEventsPerDataPacket() {
        SimContext ctx = new SimContext(1);
        int n = 8;
        Dumbbell d = Dumbbell.build(ctx, n, Rate.gbps(10), Rate.gbps(10), Time.ofMicros(20),
                QueueFactory.dropTail(1 << 20));
        Transports tp = new Transports(ctx);
        for (int i = 0; i < n; i++) {
            tp.tcpFlow(TcpFlowConfig.bulk(VmAddress.of(d.sender(i)), VmAddress.of(d.receiver()),
                    TcpConfig.defaults().withReceiveWindow(256 << 10))).start();
        }
        ctx.loop().runUntil(Time.ofMillis(100));
        long data = d.bottleneck().txPackets();
        // FIFO ports compute departures, so each data packet costs its arrival at the switch and at the receiver,
        // and each ACK the same two back. Packets still in flight at the end (at most one receive window, 180
        // segments per flow) have had up to 3 of their 4; beyond that only handshakes, start events and RTO
        // wake-ups (a 200 ms RTO never fires in 100 ms). A timer event per ACK would add ~80 000.
        long inFlight = n * ((256 << 10) / 1460 + 1);
        assertThat(ctx.loop().dispatched()).isBetween(4 * data, 4 * data + 3 * inFlight + 20 * n);
        // Pending events scale with flows and ports, not with packets in flight (~120 segments per flow here).
        assertThat(ctx.loop().pending()).isLessThan(4 * n + 4 * (n + 1));
    }
}
