package org.seawallsim.baseline.qcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/** The reaction-point NIC on an uncongested path, with CNMs injected by hand. */
class QcnNicQueueTest {
    private static final long LINE = Rate.gbps(10);

    @Test
    void limiterPacesItsFlowAtTheCurrentRateWithoutReorderingAndIsReleasedAtLineRate() {
        QcnScheme scheme = new QcnScheme(QcnConfig.defaults());
        TestNet tn = new TestNet(1, 1, LINE, LINE, Time.ofMicros(1), 300_000, scheme,
                TestNet.vms(new int[] {0}, null));
        QcnNicQueue nic = (QcnNicQueue) tn.senders.get(0).nic().queue();
        List<Long> departures = new ArrayList<>();
        long[] flowHash = new long[1];
        EgressPort nicPort = tn.senders.get(0).nic();
        tn.ctx.probes().attach(new NetProbe() {
            @Override
            public void onDequeue(NetElement port, Packet p, long queueBytes) {
                if (port == nicPort && tn.ctx.nowPs() >= Time.ofMicros(100)) {
                    departures.add(tn.ctx.nowPs());
                    flowHash[0] = p.flowHash;
                }
            }
        });
        tn.new BackloggedSource(tn.senders.get(0), 0, 0, 16, 0, Time.ofMillis(150));
        tn.ctx.loop().runUntil(Time.ofMicros(100) - 1);
        assertThat(nic.activeLimiters()).isZero();
        // A CNM arrives while 16 of the flow's frames wait in the NIC FIFO: they move into the new limiter.
        long hash = tn.ctx.packets().flowHash(tn.senders.get(0).id(), tn.receiver.id(), 1000, 80, Packet.PROTO_UDP);
        nic.onCnm(new Cnm(hash, 0, 63, -100_000, 0, "test"));
        assertThat(nic.activeLimiters()).isEqualTo(1);
        double cr = nic.rateBps(hash);
        assertThat(cr).isEqualTo(LINE * (1 - 63.0 / 128));
        tn.ctx.loop().runUntil(Time.ofMicros(180));
        // Before the first 150 KB byte-counter cycle completes (~240 us at 5 Gb/s) the rate is exactly CR: each
        // 1538-B frame holds the limiter for 1538 x 8 / CR, rounded up to the picosecond.
        long gap = Time.serializationPs(1538, (long) cr);
        for (int i = 2; i < 30; i++) {
            assertThat(departures.get(i) - departures.get(i - 1)).as("gap %d", i).isEqualTo(gap);
        }
        assertThat(flowHash[0]).isEqualTo(hash);
        // Without further CNMs, fast recovery and increases bring CR back to line rate; the limiter is freed only
        // once its queue is empty too, i.e. after the greedy source stops (150 ms).
        tn.ctx.loop().runUntil(Time.ofMillis(140));
        assertThat(nic.reactionPoint(hash).atLineRate()).isTrue();
        assertThat(nic.activeLimiters()).isEqualTo(1);
        tn.ctx.loop().runUntil(Time.ofMillis(200));
        assertThat(nic.activeLimiters()).isZero();
        assertThat(nic.rateBps(hash)).isEqualTo((double) LINE);
        assertThat(tn.sink.reorders).isZero();
    }
}
