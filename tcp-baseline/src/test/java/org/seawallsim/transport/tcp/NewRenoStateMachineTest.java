package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.time.Time;

/** NewReno loss recovery and the RFC 6298 timer, driven packet by packet. Exact values: these are rule checks. */
class NewRenoStateMachineTest {
    private static final int MSS = 1460;

    @Test
    void initialWindowIsTenSegmentsBackToBack() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
        h.start();
        assertThat(h.fromSender).hasSize(10);
        for (int i = 0; i < 10; i++) {
            Packet p = h.fromSender.get(i);
            assertThat(p.seq).isEqualTo((long) i * MSS);
            assertThat(p.payloadBytes).isEqualTo(MSS);
            assertThat(p.sizeBytes).isEqualTo(1500);
            assertThat(p.srcVm).isEqualTo(1);
            assertThat(p.dstVm).isEqualTo(2);
        }
    }

    @Test
    void slowStartAddsOneSegmentPerAckAndCongestionAvoidanceOnePerWindow() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false).withInitialSsthresh(12L * MSS));
        h.start();
        h.ack(MSS);
        // Slow start: +1 MSS per ACK, so one ACK releases two new segments.
        assertThat(h.flow.cwndBytes()).isEqualTo(11.0 * MSS);
        assertThat(h.fromSender).hasSize(12);
        h.ack(2L * MSS);
        assertThat(h.flow.cwndBytes()).isEqualTo(12.0 * MSS);
        // At ssthresh: congestion avoidance adds MSS*MSS/cwnd per ACK.
        h.ack(3L * MSS);
        assertThat(h.flow.cwndBytes()).isEqualTo(12.0 * MSS + MSS / 12.0);
    }

    @Test
    void thirdDuplicateAckTriggersFastRetransmitAndHalvesTheFlight() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
        h.start();
        h.ack(MSS); // cwnd 11, 12 segments sent, flight 11 segments
        int sent = h.fromSender.size();
        h.ack(MSS);
        h.ack(MSS);
        assertThat(h.fromSender).hasSize(sent);
        assertThat(h.flow.inFastRecovery()).isFalse();
        h.ack(MSS);
        assertThat(h.flow.inFastRecovery()).isTrue();
        Packet retx = h.fromSender.get(sent);
        assertThat(retx.seq).isEqualTo(MSS);
        // ssthresh = max(FlightSize/2, 2 MSS) with FlightSize = 11 segments; cwnd = ssthresh + 3 MSS.
        long flight = 11L * MSS;
        assertThat(h.flow.ssthreshBytes()).isEqualTo(flight / 2);
        assertThat(h.flow.cwndBytes()).isEqualTo(flight / 2 + 3.0 * MSS);
        // Each further duplicate inflates cwnd by one MSS.
        h.ack(MSS);
        assertThat(h.flow.cwndBytes()).isEqualTo(flight / 2 + 4.0 * MSS);
    }

    @Test
    void partialAckRetransmitsNextHoleAndFullAckDeflates() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
        h.start();
        h.ack(MSS);
        long recover = h.flow.highestSent(); // 12 segments
        for (int i = 0; i < 3; i++) {
            h.ack(MSS);
        }
        long ssthresh = h.flow.ssthreshBytes();
        double cwndBefore = h.flow.cwndBytes();
        int sent = h.fromSender.size();
        // Partial ACK: covers the retransmitted segment and one more, but not up to recover.
        h.ack(3L * MSS);
        assertThat(h.flow.inFastRecovery()).isTrue();
        assertThat(h.fromSender.get(sent).seq).isEqualTo(3L * MSS);
        // Deflate by the newly acked 2 MSS, add back one MSS.
        assertThat(h.flow.cwndBytes()).isEqualTo(cwndBefore - 2 * MSS + MSS);
        // Full ACK (everything up to recover): exit with min(ssthresh, flight + MSS).
        long flight = h.flow.highestSent() - recover; // outstanding once the full ACK has arrived
        h.ack(recover);
        assertThat(h.flow.inFastRecovery()).isFalse();
        assertThat(h.flow.cwndBytes()).isEqualTo(Math.min(ssthresh, Math.max(flight, MSS) + MSS));
    }

    @Test
    void retransmissionTimerBacksOffExponentially() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
        h.start();
        int sent = h.fromSender.size();
        // Nothing is acknowledged: the first expiry is at the initial RTO (1 s), then 2 s, then 4 s later.
        long[] expected = {Time.ofSeconds(1), Time.ofSeconds(3), Time.ofSeconds(7)};
        for (long t : expected) {
            h.advance(t - h.ctx.nowPs() - 1);
            assertThat(h.fromSender).hasSize(sent);
            h.advance(1);
            assertThat(h.fromSender).hasSize(sent + 1);
            Packet retx = h.lastSent();
            assertThat(retx.seq).isZero();
            assertThat(h.flow.cwndBytes()).isEqualTo(MSS);
            sent++;
        }
        assertThat(h.flow.rtoPs()).isEqualTo(Time.ofSeconds(8));
        assertThat(h.flow.backoffCount()).isEqualTo(3);
        // RFC 5681: after a timeout ssthresh = max(FlightSize/2, 2 MSS).
        assertThat(h.flow.ssthreshBytes()).isEqualTo(5L * MSS);
    }

    @Test
    void karnsRuleIgnoresAcksOfRetransmittedSegmentsAndKeepsTheBackoff() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false).withMinRto(Time.ofMillis(1)));
        h.start();
        h.advance(Time.ofSeconds(1)); // first timeout: retransmit seq 0, RTO 2 s
        assertThat(h.flow.rtoPs()).isEqualTo(Time.ofSeconds(2));
        h.advance(Time.ofMillis(5));
        h.ack(MSS);
        // The ACK covers a retransmitted segment: no RTT sample, the backed-off RTO stays.
        assertThat(h.flow.srttPs()).isEqualTo(-1);
        assertThat(h.flow.rtoPs()).isEqualTo(Time.ofSeconds(2));
        // After the timeout, go-back-N resent 0..: the next segments sent beyond highestSent are new data.
        List<Packet> sent = h.fromSender;
        long firstNew = h.flow.highestSent();
        h.ack(firstNew); // everything up to the old highest, all previously sent: still ambiguous
        assertThat(h.flow.srttPs()).isEqualTo(-1);
        long newEnd = h.flow.highestSent();
        assertThat(newEnd).isGreaterThan(firstNew);
        h.advance(Time.ofMicros(300));
        h.ack(newEnd);
        // A segment sent once gives a valid sample of 300 us; RTO = max(min RTO, srtt + 4 rttvar) = 1 ms.
        assertThat(h.flow.srttPs()).isEqualTo(Time.ofMicros(300));
        assertThat(h.flow.rtoPs()).isEqualTo(Time.ofMillis(1));
        assertThat(h.flow.backoffCount()).isZero();
        assertThat(sent).isNotEmpty();
    }

    @Test
    void duplicateAcksAfterTimeoutDoNotStartFastRecovery() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
        h.start();
        h.advance(Time.ofSeconds(1)); // timeout, recover = 10 segments
        h.ack(MSS);
        for (int i = 0; i < 3; i++) {
            h.ack(MSS);
        }
        // RFC 6582 guard: snd.una (1 MSS) is below recover, so these duplicates may stem from the go-back-N.
        assertThat(h.flow.inFastRecovery()).isFalse();
    }

    @Test
    void rtoFollowsRfc6298Estimator() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false).withMinRto(Time.ofMicros(1)));
        h.start();
        h.advance(Time.ofMicros(100));
        h.ack(MSS); // first sample R = 100 us: SRTT = 100, RTTVAR = 50, RTO = 300 us
        assertThat(h.flow.srttPs()).isEqualTo(Time.ofMicros(100));
        assertThat(h.flow.rtoPs()).isEqualTo(Time.ofMicros(300));
        long timedEnd = h.flow.highestSent();
        h.advance(Time.ofMicros(200));
        h.ack(timedEnd); // the segment timed at 100 us is acked at 300 us: R' = 200 us
        // RTTVAR = 3/4*50 + 1/4*|100-200| = 62.5; SRTT = 7/8*100 + 1/8*200 = 112.5; RTO = 112.5 + 250 = 362.5 us
        assertThat(h.flow.srttPs()).isEqualTo(112_500_000L);
        assertThat(h.flow.rtoPs()).isEqualTo(362_500_000L);
    }
}
