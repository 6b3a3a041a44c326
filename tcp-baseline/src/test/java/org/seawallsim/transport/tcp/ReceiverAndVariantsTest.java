package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.time.Time;

/** Receiver ACK policy (RFC 1122/5681/7323/8257) and the DCTCP and CUBIC window rules, packet by packet. */
class ReceiverAndVariantsTest {
    private static final int MSS = 1460;

    @Test
    void receiverAcksEverySegmentByDefaultAndDupAcksOutOfOrderData() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
        h.segment(0, MSS, false);
        h.segment(2L * MSS, MSS, false); // hole at [1460, 2920)
        h.segment(3L * MSS, MSS, false);
        h.segment(MSS, MSS, false); // fills the hole
        assertThat(h.fromReceiver).extracting(p -> p.ack).containsExactly((long) MSS, (long) MSS, (long) MSS,
                4L * MSS);
        assertThat(h.fromReceiver.get(0).sizeBytes).isEqualTo(40);
        assertThat(h.flow.bytesDelivered()).isEqualTo(4L * MSS);
    }

    @Test
    void delayedAcksEverySecondSegmentOrAfterTimeoutButImmediatelyOnReordering() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false).withDelayedAcks(true));
        h.segment(0, MSS, false);
        assertThat(h.fromReceiver).isEmpty();
        h.segment(MSS, MSS, false);
        assertThat(h.fromReceiver).extracting(p -> p.ack).containsExactly(2L * MSS);
        h.segment(2L * MSS, MSS, false);
        h.advance(Time.ofMillis(40) - 1);
        assertThat(h.fromReceiver).hasSize(1);
        h.advance(1); // the 40-ms delayed-ACK timer
        assertThat(h.fromReceiver).extracting(p -> p.ack).containsExactly(2L * MSS, 3L * MSS);
        h.segment(5L * MSS, MSS, false); // out of order: immediate duplicate ACK
        assertThat(h.fromReceiver).extracting(p -> p.ack).endsWith(3L * MSS);
        assertThat(h.fromReceiver).hasSize(3);
    }

    @Test
    void timestampEchoFollowsTsRecentRule() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false).withDelayedAcks(true).withTimestamps(true));
        h.advance(Time.ofMicros(10));
        h.segment(0, 1448, false); // tsVal 10 us, at the left edge: TS.Recent = 10 us
        h.advance(Time.ofMicros(10));
        h.segment(1448, 1448, false); // beyond the last ACK sent: TS.Recent stays 10 us (RFC 7323 section 4.3)
        assertThat(h.fromReceiver).hasSize(1);
        assertThat(h.fromReceiver.get(0).tsEcrPs).isEqualTo(Time.ofMicros(10));
        assertThat(h.fromReceiver.get(0).sizeBytes).isEqualTo(52);
    }

    @Test
    void dctcpReceiverEchoesCeAndSenderMarksEct() {
        Harness h = new Harness(TcpConfig.of(TcpVariant.DCTCP).withHandshake(false));
        h.start();
        assertThat(h.fromSender).allMatch(p -> p.ecn == Packet.ECN_ECT0);
        h.segment(0, MSS, true);
        h.segment(MSS, MSS, false);
        assertThat(h.fromReceiver).extracting(p -> p.hasFlag(Packet.FLAG_ECE)).containsExactly(true, false);
    }

    @Test
    void dctcpDelayedAckSendsImmediateAckWhenCeStateFlips() {
        Harness h = new Harness(TcpConfig.of(TcpVariant.DCTCP).withHandshake(false).withDelayedAcks(true));
        h.segment(0, MSS, false);
        assertThat(h.fromReceiver).isEmpty();
        h.segment(MSS, MSS, true); // CE flips: ACK the first segment at once, with ECE clear
        assertThat(h.fromReceiver).hasSize(1);
        assertThat(h.fromReceiver.get(0).ack).isEqualTo(MSS);
        assertThat(h.fromReceiver.get(0).hasFlag(Packet.FLAG_ECE)).isFalse();
        h.segment(2L * MSS, MSS, true); // second CE segment completes the pair: ACK with ECE
        assertThat(h.fromReceiver).hasSize(2);
        assertThat(h.fromReceiver.get(1).hasFlag(Packet.FLAG_ECE)).isTrue();
    }

    @Test
    void dctcpUpdatesAlphaOncePerWindowOfData() {
        Harness h = new Harness(TcpConfig.of(TcpVariant.DCTCP).withHandshake(false).withDctcp(1.0 / 16, 0.0));
        h.start(); // 10 segments out
        h.ack(MSS); // passes the initial window end (0): alpha = 15/16 * 0 + 1/16 * 0; next window end = 10 MSS
        assertThat(h.flow.dctcpAlpha()).isZero();
        // The next 10 ACKs of one MSS each, every other one with ECE: half of the window's bytes are marked.
        for (int i = 2; i <= 10; i++) {
            h.ack((long) i * MSS, i % 2 == 0);
            assertThat(h.flow.dctcpAlpha()).isZero(); // no update inside the window
        }
        h.ack(11L * MSS, false); // passes the window end: M = 5/10, alpha = 1/16 * 0.5
        assertThat(h.flow.dctcpAlpha()).isEqualTo(1.0 / 16 * 0.5);
    }

    @Test
    void dctcpCutsByHalfAlpha() {
        Harness h = new Harness(TcpConfig.of(TcpVariant.DCTCP).withHandshake(false));
        h.start();
        double cwnd = h.flow.cwndBytes();
        // alpha starts at 1 (RFC 8257); the first ACK (all its bytes ECE-marked) keeps it at 1. The ECE cut
        // happens before window growth for the same ACK.
        h.ack(MSS, true);
        double alpha = h.flow.dctcpAlpha();
        assertThat(alpha).isEqualTo(1.0);
        // cut once: cwnd * (1 - alpha/2), then ssthresh = cwnd so the ACK grows cwnd by congestion avoidance.
        double cut = cwnd * (1 - alpha / 2);
        assertThat(h.flow.ssthreshBytes()).isEqualTo((long) cut);
        assertThat(h.flow.cwndBytes()).isCloseTo(cut + (double) MSS * MSS / cut, within(1e-6));
        // A second ECE within the same window does not cut again.
        h.ack(2L * MSS, true);
        assertThat(h.flow.cwndBytes()).isGreaterThan(cut);
    }

    @Test
    void cubicReducesByBetaAndRegrowsToWmaxAfterK() {
        Harness h = new Harness(TcpConfig.of(TcpVariant.CUBIC).withHandshake(false).withInitialSsthresh(20L * MSS)
                .withMinRto(Time.ofMillis(1)));
        h.start();
        long acked = 0;
        // Grow to 20 segments in slow start, then cause a loss with 3 duplicate ACKs.
        while (h.flow.cwndBytes() < 20.0 * MSS) {
            acked += MSS;
            h.advance(Time.ofMicros(10));
            h.ack(acked);
        }
        double wBefore = h.flow.cwndBytes();
        h.ack(acked);
        h.ack(acked);
        h.ack(acked);
        assertThat(h.flow.inFastRecovery()).isTrue();
        // RFC 8312: ssthresh = cwnd * 0.7.
        assertThat(h.flow.ssthreshBytes()).isEqualTo((long) (wBefore * 0.7));
        h.ack(h.flow.highestSent());
        assertThat(h.flow.inFastRecovery()).isFalse();
        // One ACK per 100-us RTT, each acknowledging the whole flight, for 200 RTTs. The cubic curve needs
        // K = cbrt(Wmax (1 - beta) / C) = cbrt(20 * 0.3 / 0.4) = 2.5 s to regain Wmax, so within 20 ms it adds
        // almost nothing; the TCP-friendly estimate grows 3(1-b)/(1+b) = 0.53 segment per RTT and dominates.
        long step = Time.ofMicros(100);
        double start = h.flow.cwndBytes();
        for (int i = 0; i < 200; i++) {
            h.advance(step);
            acked = h.flow.highestSent();
            h.ack(acked);
        }
        // Predicted ~106 segments; the band allows for the first RTTs after recovery and integer segments.
        double grownSegments = (h.flow.cwndBytes() - start) / MSS;
        assertThat(grownSegments).isBetween(80.0, 130.0);
    }
}
