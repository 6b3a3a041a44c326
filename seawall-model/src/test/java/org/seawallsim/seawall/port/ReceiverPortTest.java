package org.seawallsim.seawall.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.seawall.controller.FakeTime;
import org.seawallsim.seawall.controller.FeedbackReport;

class ReceiverPortTest {
    static final long MS = 1_000_000_000L;

    /** A packet: source VM and host, sequence stamp, CE flag, IP size. */
    record Pkt(int vm, int host, int seq, boolean ce, int size) {
        Pkt(int vm, int host, int seq, boolean ce) {
            this(vm, host, seq, ce, 1500);
        }
    }

    static final class View implements HeaderView<Pkt> {
        public int srcVm(Pkt p) {
            return p.vm();
        }

        public int srcHost(Pkt p) {
            return p.host();
        }

        public int dstHost(Pkt p) {
            return 9;
        }

        public int wireBytes(Pkt p) {
            return p.size() + 38;
        }

        public int sizeBytes(Pkt p) {
            return p.size();
        }

        public boolean congestionExperienced(Pkt p) {
            return p.ce();
        }

        public boolean stamp(Pkt p, int seq16, HeaderMode mode, Fallback fallback) {
            return true;
        }

        public int readStamp(Pkt p) {
            return p.seq();
        }

        public void restore(Pkt p) {
        }
    }

    final FakeTime time = new FakeTime();
    final List<FeedbackReport> reports = new ArrayList<>();
    final List<Pkt> delivered = new ArrayList<>();
    final List<String> suspects = new ArrayList<>();

    ReceiverPort<Pkt> port() {
        ReceiverPort<Pkt> r = new ReceiverPort<>(9, PortConfig.defaults(), DetectorConfig.defaults(), MS, time, time,
                new View(), reports::add, delivered::add,
                (src, vm, accuser, reason) -> suspects.add(src + "/" + vm + "/" + reason));
        r.start();
        return r;
    }

    @Test
    void reportsEveryIntervalWithLossesMarksAndBytes() {
        ReceiverPort<Pkt> r = port();
        for (int s = 0; s < 20; s++) {
            if (s != 7) {
                r.receive(new Pkt(1, 3, s, s == 12));
            }
        }
        time.advanceTo(MS);
        assertThat(delivered).hasSize(19);
        assertThat(reports).hasSize(1);
        FeedbackReport f = reports.get(0);
        assertThat(f.srcVm()).isEqualTo(1);
        assertThat(f.srcHost()).isEqualTo(3);
        assertThat(f.dstHost()).isEqualTo(9);
        assertThat(f.packets()).isEqualTo(19);
        assertThat(f.bytes()).isEqualTo(19 * 1500);
        assertThat(f.lost()).isEqualTo(1);
        assertThat(f.marked()).isEqualTo(1);
        assertThat(f.lastCongestedSeq()).isEqualTo(12); // the mark came after the loss of 7
        assertThat(f.congested()).isTrue();
        // A quiet interval sends nothing: no report means no information.
        time.advanceTo(2 * MS);
        assertThat(reports).hasSize(1);
        assertThat(suspects).isEmpty();
    }

    @Test
    void unstampedTrafficIsReportedAsInvalid() {
        ReceiverPort<Pkt> r = port();
        // A disabled SW-port leaves whatever ID the guest used: here always 0, so every packet is a duplicate.
        for (int i = 0; i < 50; i++) {
            r.receive(new Pkt(4, 5, 0, false));
        }
        time.advanceTo(MS);
        assertThat(suspects).containsExactly("5/4/INVALID_STAMPS");
    }

    /**
     * Rule 3 over a class of destinations: a flood F (VM 1 on host 3) and a competitor V (VM 2 on host 4), each
     * interval F sends {@code floodPkts(i)} packets (1500 B: 80 a millisecond is 960 Mb/s) and V sends
     * {@code victimPkts} with one sequence gap (a loss) while {@code victimLossy}, from interval 5 on (V's first gap
     * counts from interval 6: before its first packet there is nothing to miss); F loses one packet in interval 6
     * (the episode that starved V), unless {@code floodTold} is false.
     */
    private List<String> shareRule(double wF, double wV, java.util.function.IntUnaryOperator floodPkts, int victimPkts,
                                   boolean victimLossy, int victimUntil, int intervals) {
        return shareRule(wF, wV, floodPkts, victimPkts, victimLossy, victimUntil, intervals, true, 1_000_000_000L);
    }

    /** As above; {@code floodTold}: F loses a packet in interval 6; {@code nicBps}: the sources' NIC rate. */
    private List<String> shareRule(double wF, double wV, java.util.function.IntUnaryOperator floodPkts, int victimPkts,
                                   boolean victimLossy, int victimUntil, int intervals, boolean floodTold,
                                   long nicBps) {
        return shareRule(wF, wV, floodPkts, victimPkts, victimLossy, victimUntil, intervals, floodTold, nicBps, 1500,
                Integer.MAX_VALUE);
    }

    /** As above, V's packets {@code victimBytes} long (F's are 1500 B), its gaps only before {@code lossyUntil}. */
    private List<String> shareRule(double wF, double wV, java.util.function.IntUnaryOperator floodPkts, int victimPkts,
                                   boolean victimLossy, int victimUntil, int intervals, boolean floodTold,
                                   long nicBps, int victimBytes, int lossyUntil) {
        return shareRule(wF, wV, floodPkts, i -> floodTold && i == 6 ? 1 : 0, victimPkts, victimLossy, victimUntil,
                intervals, nicBps, victimBytes, lossyUntil);
    }

    /** As above, F losing {@code floodLost(i)} packets (one gap) in interval i. */
    private List<String> shareRule(double wF, double wV, java.util.function.IntUnaryOperator floodPkts,
                                   java.util.function.IntUnaryOperator floodLost, int victimPkts,
                                   boolean victimLossy, int victimUntil, int intervals,
                                   long nicBps, int victimBytes, int lossyUntil) {
        SourceWeights w = new SourceWeights() {
            @Override
            public double weight(int vm) {
                return vm == 1 ? wF : wV;
            }

            @Override
            public long nicRateBps(int host) {
                return nicBps;
            }
        };
        ReceiverPort<Pkt> r = new ReceiverPort<>(9, PortConfig.defaults(), DetectorConfig.defaults(), MS, time, time,
                new View(), reports::add, delivered::add,
                (src, vm, accuser, reason) -> suspects.add(src + "/" + vm + "/" + reason + "@" + time.nowPs() / MS),
                w);
        r.start();
        int fSeq = 0;
        int vSeq = 0;
        for (int i = 0; i < intervals; i++) {
            int n = floodPkts.applyAsInt(i);
            fSeq += floodLost.applyAsInt(i); // F's own loss: congestion feedback it should answer
            for (int k = 0; k < n; k++) {
                r.receive(new Pkt(1, 3, fSeq++ & 0xFFFF, false));
            }
            if (i >= 5 && i < victimUntil) {
                for (int k = 0; k < victimPkts; k++) {
                    if (victimLossy && k == 0 && i < lossyUntil) {
                        vSeq++; // a gap: the packet before these was lost in the network
                    }
                    r.receive(new Pkt(2, 4, vSeq++ & 0xFFFF, false, victimBytes));
                }
            }
            time.advanceTo((i + 1) * MS);
        }
        return suspects;
    }

    @Test
    void aFloodOverItsShareOfACongestedDestinationIsReportedAfterTheStreak() {
        // V loses in intervals 6-9 and then starves silently (a guest TCP in its retransmission time-out); F, told
        // of congestion in interval 6 (its own loss) and at twice its equal share, never cuts: reported after 150
        // intervals.
        assertThat(shareRule(1, 1, i -> 80, 6, true, 10, 400)).containsExactly("3/1/EXCEEDS_SHARE@156");
    }

    @Test
    void aVictimWhoseTailWasDroppedIsFoundByItsSilence() {
        // V delivers 6 packets in intervals 5 and 6 with no gap, then falls silent: its last packets were dropped in
        // interval 6's overflow, in which F lost one (a guest TCP in its retransmission time-out whose losses no
        // later packet has revealed). V counts as congested and starved from interval 6, and F, told of congestion
        // in interval 6 and still at its NIC rate in interval 7, is armed one interval late: reported at 157, not
        // when V's first retransmission gets through (never, in this run).
        assertThat(shareRule(1, 1, i -> 80, 6, false, 7, 400)).containsExactly("3/1/EXCEEDS_SHARE@157");
    }

    @Test
    void aTunnelThatFallsSilentWhenNothingWasLostIsNoVictim() {
        // V delivers without a gap in intervals 5-11 (across F's loss in interval 6) and stops after 11, when no
        // tunnel lost anything: a sender that finished, not one whose tail was dropped.
        assertThat(shareRule(1, 1, i -> 80, 6, false, 12, 400)).isEmpty();
        // V falls silent after interval 6, but F lost nothing there: no overflow to have dropped V's tail.
        assertThat(shareRule(1, 1, i -> 80, 6, false, 7, 400, false, 1_000_000_000L)).isEmpty();
    }

    @Test
    void aFloodWhoseArrivalsDipBecauseItsPacketsWereLostHasNotCut() {
        // F sends 80 packets every interval; in intervals 40-42 only 68 arrive and 12 are lost (V's retransmissions
        // took their slots at the full queue): what F sent did not fall, so the streak started in interval 6 runs
        // on. Judged on arrivals alone (68 < 0.9 x 80) it restarted at 40 and F was reported about 190.
        assertThat(shareRule(1, 1, i -> i >= 40 && i < 43 ? 68 : 80, i -> i == 6 || (i >= 40 && i < 43) ? 12 : 0,
                6, true, 10, 400, 1_000_000_000L, 1500, Integer.MAX_VALUE)).containsExactly("3/1/EXCEEDS_SHARE@156");
    }

    @Test
    void aFloodWhoseSendingDipsHasCut() {
        // The same dip in what F sent (68 arrive, 1 lost): a cut ends the streak, and F, not told of congestion
        // again near its NIC rate, is not armed again.
        assertThat(shareRule(1, 1, i -> i >= 40 && i < 43 ? 68 : 80, i -> i == 6 || (i >= 40 && i < 43) ? 1 : 0,
                6, true, 10, 400, 1_000_000_000L, 1500, Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void aDataTunnelThatKeepsDeliveringUnderItsShareIsCrowdedOut() {
        // V loses in intervals 6-9 (F's episode) and then keeps delivering 1500-B data at 72 Mb/s without loss, far
        // under an equal share: F, which never cuts, is reported after the streak.
        assertThat(shareRule(1, 1, i -> 80, 6, true, 10_000, 400, true, 1_000_000_000L, 1500, 10))
                .containsExactly("3/1/EXCEEDS_SHARE@156");
    }

    @Test
    void aTunnelOfAcknowledgementsIsNoVictim() {
        // The same V as a guest's ACK stream (20 packets of 52 B an interval): it wants no share, F starves nobody.
        assertThat(shareRule(1, 1, i -> 80, 20, true, 10_000, 400, true, 1_000_000_000L, 52, 10)).isEmpty();
    }

    @Test
    void theStarvedTunnelIsRememberedOnlyForTheCongestionMemory() {
        // V's last loss is in interval 9; a flood that starts 311 intervals later finds nobody congested (the memory
        // is 300 intervals) and is alone on the destination.
        assertThat(shareRule(1, 1, i -> i < 320 ? 0 : 80, 6, true, 10, 700)).isEmpty();
    }

    @Test
    void aTunnelNeverToldOfCongestionIsNotReported() {
        // F at line rate loses nothing itself (an honest loss-driven sender at exactly the link rate would not cut
        // either), V starves: nothing F ignored.
        assertThat(shareRule(1, 1, i -> 80, 6, true, 10, 400, false, 1_000_000_000L)).isEmpty();
    }

    @Test
    void aTunnelWellBelowItsSourcesNicRateIsNotReported() {
        // The same F from a 10 Gb/s NIC: its limit may be far above the 960 Mb/s it sends (a guest TCP whose window
        // exceeds the path's needs), so a cut need not show in its rate.
        assertThat(shareRule(1, 1, i -> 80, 6, true, 10, 400, true, 10_000_000_000L)).isEmpty();
    }

    @Test
    void anHonestSenderWhoseRateShowsItsCutsIsNotReported() {
        // AIMD at a shared bottleneck: F's rate falls by 20 % every 30 intervals (a cut) and climbs back.
        assertThat(shareRule(1, 1, i -> 80 - 16 * (i % 30 == 0 ? 1 : 0) - (i % 30) / 3, 4, true, 10, 2000))
                .isEmpty();
    }

    @Test
    void aTunnelWithinItsWeightedShareIsNotReported() {
        // Weight 3 against 1: F's share is 3/4 of what arrives; even taking all of it F is within 1.5 times that.
        // (V loses only in intervals 6-9: a V losing every interval would make the receiver-side coupling report
        // F congested too, and this F, which never answers, would meet rule 1 instead.)
        assertThat(shareRule(3, 1, i -> 80, 6, true, 10, 1000)).isEmpty();
        // Equal weights, V congested but not starved (it gets as much as F): nothing to judge.
        assertThat(shareRule(1, 1, i -> 40, 40, true, 10, 1000)).isEmpty();
    }

    @Test
    void aTunnelBesideUncongestedOnesIsNotReported() {
        // V sends a trickle but loses nothing: F is alone on an uncongested destination as far as anyone knows.
        assertThat(shareRule(1, 1, i -> 80, 2, false, 10_000, 1000)).isEmpty();
    }
}
