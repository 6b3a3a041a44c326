package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * Random frame loss on a link ({@link EgressPort#setWireLoss}): Bernoulli with the given probability per frame,
 * independent per link, deterministic per seed, limited to data frames on request, and a lost frame still occupies
 * the wire for its serialization time.
 */
class WireLossTest {
    /** Lost frame ids and where they were reported, and what arrived. */
    static final class Seen implements NetProbe {
        final List<Long> lostIds = new ArrayList<>();
        final List<String> lostAt = new ArrayList<>();
        long delivered;
        long deliveredAcks;
        long otherDrops;

        @Override
        public void onDrop(String where, Packet p, DropReason reason) {
            if (reason == DropReason.INJECTED_LOSS) {
                lostIds.add(p.id);
                lostAt.add(where);
            } else {
                otherDrops++;
            }
        }

        @Override
        public void onDeliver(NetElement host, Packet p) {
            delivered++;
            if (p.kind == Packet.KIND_ACK) {
                deliveredAcks++;
            }
        }
    }

    record Run(Seen seen, long framesA, long busyPsA, long lostCountedA, long rateBps) {
    }

    /**
     * Host a sends {@code frames} 1500-byte frames to host b through switch s, every 13 us (never queueing at 1
     * Gb/s), every third one an ACK-kind frame; loss on a->s (and, if {@code alsoSecond}, on s->b).
     */
    static Run run(long seed, double p, boolean dataOnly, boolean alsoSecond, int frames) {
        SimContext ctx = new SimContext(seed);
        Seen seen = new Seen();
        ctx.probes().attach(seen);
        Network net = new Network(ctx);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        Switch s = net.addSwitch("s");
        long rate = Rate.gbps(1);
        net.connect(a, s, rate, Time.ofMicros(1), QueueFactory.dropTail(100_000));
        net.connect(s, b, rate, Time.ofMicros(1), QueueFactory.dropTail(100_000));
        s.setRoute(b.id(), new int[] {1});
        s.setRoute(a.id(), new int[] {0});
        a.nic().setWireLoss(p, dataOnly);
        if (alsoSecond) {
            s.ports().get(1).setWireLoss(0.3, false);
        }
        EventTarget source = new EventTarget() {
            int sent;

            @Override
            public void onEvent(int tag) {
                Packet pk = ctx.packets().acquire();
                ctx.packets().setFiveTuple(pk, a.id(), b.id(), 1000 + sent % 7, 80, Packet.PROTO_UDP);
                pk.sizeBytes = 1500;
                pk.kind = sent % 3 == 2 ? Packet.KIND_ACK : Packet.KIND_UDP;
                a.transmit(pk);
                if (++sent < frames) {
                    ctx.loop().scheduleIn(Time.ofMicros(13), this, 0);
                }
            }
        };
        ctx.loop().schedule(0, source, 0);
        ctx.loop().runToCompletion();
        return new Run(seen, a.nic().txPackets(), a.nic().busyPsSoFar(), a.nic().wireLostPackets(), rate);
    }

    @ParameterizedTest(name = "p = {0}, seed {1}")
    @CsvSource({"0.001, 1", "0.001, 2", "0.01, 1", "0.01, 3", "0.1, 1", "0.1, 4", "0.4, 1", "0.4, 5"})
    void lossIsBernoulliWithTheGivenProbabilityAndLostFramesStillTookTheWire(double p, long seed) {
        int frames = 60_000;
        Run r = run(seed, p, false, false, frames);
        long lost = r.seen().lostIds.size();
        // Binomial(60 000, p): 5 standard deviations either side (plus one frame for rounding) fail about once in
        // 1.7 million runs, so a biased draw (say p / 2 or 2 p) fails at every p here.
        double mean = frames * p;
        double sd = Math.sqrt(frames * p * (1 - p));
        assertThat((double) lost).isBetween(mean - 5 * sd - 1, mean + 5 * sd + 1);
        assertThat(r.lostCountedA()).isEqualTo(lost);
        assertThat(r.seen().lostAt).containsOnly("a->s");
        assertThat(r.seen().otherDrops).isZero();
        assertThat(r.seen().delivered).isEqualTo(frames - lost);
        // Lost frames were serialized in full: the NIC was busy for every frame's wire time, lost or not.
        assertThat(r.framesA()).isEqualTo(frames);
        assertThat(r.busyPsA()).isEqualTo(frames * Time.serializationPs(1538, r.rateBps()));
    }

    @Test
    void dataOnlyNeverLosesAcknowledgements() {
        Run r = run(7, 0.3, true, false, 30_000);
        // Every third frame is an ACK: all 10 000 arrive, and about 30 % of the 20 000 data frames do not.
        assertThat(r.seen().deliveredAcks).isEqualTo(10_000);
        assertThat(r.seen().lostIds.size()).isBetween(5_600, 6_400);
        Run all = run(7, 0.3, false, false, 30_000);
        assertThat(all.seen().deliveredAcks).isBetween(6_600L, 7_400L);
    }

    @Test
    void sameSeedLosesTheSameFramesAndLossElsewhereLeavesALinksDrawsAlone() {
        Run a = run(11, 0.05, false, false, 20_000);
        Run b = run(11, 0.05, false, false, 20_000);
        Run c = run(12, 0.05, false, false, 20_000);
        assertThat(a.seen().lostIds).isEqualTo(b.seen().lostIds).hasSizeGreaterThan(800);
        assertThat(c.seen().lostIds).isNotEqualTo(a.seen().lostIds);
        // Loss on the second link draws from its own stream: the first link loses exactly the same frames.
        Run both = run(11, 0.05, false, true, 20_000);
        List<Long> onFirst = new ArrayList<>();
        for (int i = 0; i < both.seen().lostIds.size(); i++) {
            if (both.seen().lostAt.get(i).equals("a->s")) {
                onFirst.add(both.seen().lostIds.get(i));
            }
        }
        assertThat(onFirst).isEqualTo(a.seen().lostIds);
        assertThat(both.seen().lostAt).contains("s->b");
    }

    @Test
    void lossIsSetBeforeTrafficWithinZeroAndOne() {
        SimContext ctx = new SimContext(1);
        Network net = new Network(ctx);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        net.connect(a, b, Rate.gbps(1), Time.ofMicros(1), QueueFactory.dropTail(100_000));
        assertThatThrownBy(() -> a.nic().setWireLoss(1, false)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> a.nic().setWireLoss(-0.1, false)).hasMessageContaining("(0, 1)");
        a.nic().setWireLoss(0.5, false);
        a.nic().setWireLoss(0, false);
        assertThat(a.nic().wireLostPackets()).isZero();
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, a.id(), b.id(), 1, 2, Packet.PROTO_UDP);
        p.sizeBytes = 1500;
        a.transmit(p);
        assertThatThrownBy(() -> a.nic().setWireLoss(0.1, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before traffic");
    }
}
