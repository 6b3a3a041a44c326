package org.seawallsim.transport.testbed;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.tcp.TcpConfig;
import org.seawallsim.transport.tcp.TcpFlow;
import org.seawallsim.transport.tcp.TcpFlowConfig;

/**
 * The speed benchmark of the issue (htsim's reference setup): n long-lived NewReno flows, each from its own host NIC
 * at the bottleneck rate, through one drop-tail bottleneck of {@code bufferPackets} full-sized packets, MTU 1500, no
 * delayed ACKs, no probes attached. Counts come from protocol state and port counters, not from recorders, so the
 * measurement adds no per-packet work.
 */
public final class DumbbellBench {
    /**
     * What one run measured. {@code dataPackets} = data packets that crossed the bottleneck; {@code fingerprint} is
     * the event loop's, equal between builds that dispatch the same events at the same times.
     */
    public record Result(int flows, long bottleneckBps, long events, long dataPackets, double goodputBps,
            double wallSeconds, double cpuSeconds, long fingerprint) {
        public double dataPacketsPerSecond() {
            return dataPackets / wallSeconds;
        }

        /** Per second of this thread's CPU time: stable on a shared machine where wall-clock rates drop. */
        public double dataPacketsPerCpuSecond() {
            return cpuSeconds > 0 ? dataPackets / cpuSeconds : Double.NaN;
        }
    }

    private DumbbellBench() {
    }

    public static Result run(int flows, long bottleneckBps, int bufferPackets, long oneWayDelayPs, long durationPs,
            long seed) {
        if (flows < 1) {
            throw new IllegalArgumentException("flows must be >= 1, got " + flows);
        }
        if (bufferPackets < 1) {
            throw new IllegalArgumentException("buffer packets must be >= 1, got " + bufferPackets);
        }
        if (durationPs <= 0) {
            throw new IllegalArgumentException("duration must be > 0, got " + durationPs + " ps");
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        SimContext ctx = new SimContext(seed);
        ctx.packets().setRecycling(true);
        Dumbbell d = Dumbbell.build(ctx, flows, bottleneckBps, bottleneckBps, oneWayDelayPs,
                QueueFactory.dropTail((long) bufferPackets * Ethernet.MTU_BYTES));
        Transports tp = new Transports(ctx);
        TcpConfig tcp = TcpConfig.defaults();
        TcpFlow[] fs = new TcpFlow[flows];
        for (int i = 0; i < flows; i++) {
            fs[i] = tp.tcpFlow(TcpFlowConfig.bulk(new VmAddress(d.sender(i), i, 0),
                    new VmAddress(d.receiver(), flows + i, 0), tcp));
            fs[i].start();
        }
        ctx.loop().runUntil(durationPs);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = cpuTimed ? (threads.getCurrentThreadCpuTime() - cpu0) / 1e9 : -1;
        long acked = 0;
        long syns = 0;
        for (TcpFlow f : fs) {
            acked += f.bytesAcked();
            syns += f.synsReceived();
        }
        // The bottleneck's frames are the data segments and the handshake's SYNs (ACKs take the other direction):
        // a SYN that crossed it has reached its receiver or is still propagating. Counted from the port and the
        // receivers at the end, so the measured run does no per-packet work for it. txPackets alone counted the
        // SYNs as data: 9 072 "data packets" for 1 000 flows at 10 Mb/s over 10 s, where 8 127 full frames fit.
        syns += d.bottleneck().pipe().packetsInFlight(p -> (p.flags & Packet.FLAG_SYN) != 0);
        return new Result(flows, bottleneckBps, ctx.loop().dispatched(), d.bottleneck().txPackets() - syns,
                Rate.bps(acked, durationPs), wall, cpu, ctx.loop().fingerprint());
    }
}
