package org.seawallsim.seawall.sim;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.sim.traffic.UdpFlow;
import org.seawallsim.topology.LinkConfig;
import org.seawallsim.topology.Queues;
import org.seawallsim.topology.Topologies;

/**
 * Measurement, not a check: a 2-hop parking lot of backlogged UDP VMs (a crosses both 1 Gb/s trunks, b the first,
 * c the second), printing per VM its goodput, its controller's cuts per second, and per trunk the drops and CE marks
 * of its packets. Shows whether the long VM's cuts are the sum of what each trunk alone causes. Run with
 * {@code mvn test -pl seawall-model -Dtest.excludedGroups=none -Dgroups=diagnosis -Dtest=ParkingLotDiagnosis}.
 */
@Tag("slow")
@Tag("diagnosis")
class ParkingLotDiagnosis {
    @Test
    void lossDriven() {
        run(SeawallParams.defaults(), 0);
    }

    @Test
    void ecnDriven() {
        run(SeawallParams.defaults().withEcnFeedback(true), 60_000);
    }

    private void run(SeawallParams params, long ecnK) {
        SeawallScheme s = new SeawallScheme(params);
        QueueFactory sw = (name, owner, rate) -> ecnK > 0 ? new FifoQueue(128 * 1024).withEcnThreshold(ecnK)
                : new FifoQueue(128 * 1024);
        Bench b = new Bench(1, ctx -> Topologies.parkingLot(ctx, 3, 2, new LinkConfig(Rate.gbps(10), Time.ofMicros(5)),
                new LinkConfig(Rate.gbps(1), Time.ofMicros(5)), new Queues(QueueFactory.dropTail(1_000_000), sw))
                .network(), s);
        int a = b.vm(0, 1);
        int bb = b.vm(1, 1);
        int c = b.vm(3, 1);
        int ar = b.vm(4, 1);
        int br = b.vm(2, 1);
        int cr = b.vm(5, 1);
        Map<String, long[]> perPortVm = new HashMap<>();
        b.ctx.probes().attach(new NetProbe() {
            @Override
            public void onDrop(String where, Packet p, DropReason reason) {
                if (p.srcVm >= 0) {
                    perPortVm.computeIfAbsent("drop " + where, k -> new long[3])[p.srcVm]++;
                }
            }

            @Override
            public void onEnqueue(NetElement port, Packet p, long queueBytes) {
                if (p.srcVm >= 0 && p.srcVm < 3 && port.name().startsWith("sw") && port.name().contains("->sw")) {
                    perPortVm.computeIfAbsent("pkts " + port.name(), k -> new long[3])[p.srcVm]++;
                    long[] h = perPortVm.computeIfAbsent("qKB/10 " + port.name(), k -> new long[14]);
                    h[(int) Math.min(13, queueBytes / 10_000)]++;
                }
            }

            @Override
            public void onMark(NetElement port, Packet p) {
                if (p.srcVm >= 0 && p.srcVm < 3) {
                    perPortVm.computeIfAbsent("mark " + port.name(), k -> new long[3])[p.srcVm]++;
                }
            }
        });
        b.install();
        b.udp(a, ar, Rate.gbps(2)).start();
        b.udp(bb, br, Rate.gbps(2)).start();
        b.udp(c, cr, Rate.gbps(2)).start();
        b.goodputUntil(Time.ofMillis(1000));
        long[] cuts0 = new long[3];
        int[] hosts = {0, 1, 3};
        for (int i = 0; i < 3; i++) {
            cuts0[i] = s.shim(hosts[i]).controller().decreases();
        }
        perPortVm.clear();
        double[] g = b.goodputUntil(Time.ofMillis(4000));
        System.out.println(ecnK > 0 ? "== ECN-driven, K = " + ecnK : "== loss-driven");
        String[] names = {"a (2 hops)", "b (trunk 0)", "c (trunk 1)"};
        for (int i = 0; i < 3; i++) {
            SeawallShim sh = s.shim(hosts[i]);
            System.out.printf("%-12s %7.1f Mb/s  cuts/s %6.1f  feedback recv %d%n", names[i], g[i] / 1e6,
                    (sh.controller().decreases() - cuts0[i]) / 3.0, sh.feedbackReceived());
        }
        perPortVm.entrySet().stream().filter(e -> e.getKey().startsWith("qKB")).forEach(e -> System.out.println(
                e.getKey() + " " + java.util.Arrays.toString(e.getValue())));
        perPortVm.entrySet().stream().filter(e -> !e.getKey().startsWith("qKB")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf(
                "%-28s a %7.0f/s  b %7.0f/s  c %7.0f/s%n", e.getKey(), e.getValue()[0] / 3.0, e.getValue()[1] / 3.0,
                e.getValue()[2] / 3.0));
    }
}
