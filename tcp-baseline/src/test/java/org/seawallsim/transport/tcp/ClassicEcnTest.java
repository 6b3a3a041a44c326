package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seawallsim.engine.packet.Packet;

/** RFC 3168 for NewReno: the ECE/CWR exchange and a cut of at most one per window. */
class ClassicEcnTest {
    private static final int MSS = 1460;

    @Test
    void receiverEchoesEceInEveryAckFromTheMarkUntilCwr() {
        Harness h = new Harness(TcpConfig.defaults().withEcn(true).withHandshake(false));
        h.start();
        h.segment(0, MSS, false);
        assertThat(lastAckHasEce(h)).isFalse();
        h.segment(MSS, MSS, true);
        assertThat(lastAckHasEce(h)).isTrue();
        h.segment(2 * MSS, MSS, false);
        assertThat(lastAckHasEce(h)).as("latched until CWR").isTrue();
        segmentWithCwr(h, 3 * MSS, false);
        assertThat(lastAckHasEce(h)).isFalse();
        segmentWithCwr(h, 4 * MSS, true);
        assertThat(lastAckHasEce(h)).as("a mark on the CWR segment starts a new echo").isTrue();
    }

    @Test
    void senderHalvesOncePerWindowMarksEctAndSetsCwrOnTheNextSegment() {
        Harness h = new Harness(TcpConfig.defaults().withEcn(true).withHandshake(false));
        h.start();
        assertThat(h.lastSent().ecn).isEqualTo(Packet.ECN_ECT0);
        h.ack(MSS); // slow start: cwnd 11 segments, 12 sent
        double before = h.flow.cwndBytes();
        h.ack(2L * MSS, true);
        long flight = h.flow.highestSent() - 2L * MSS;
        // ssthresh = FlightSize / 2 as for a loss (after this ACK), and cwnd = ssthresh; nothing is resent.
        assertThat(h.flow.ssthreshBytes()).isEqualTo(flight / 2);
        assertThat(h.flow.cwndBytes()).isEqualTo((double) flight / 2).isLessThan(before);
        assertThat(h.flow.inFastRecovery()).isFalse();
        // A second echo from the same window changes nothing.
        double cut = h.flow.cwndBytes();
        h.ack(3L * MSS, true);
        assertThat(h.flow.cwndBytes()).isGreaterThanOrEqualTo(cut);
        assertThat(h.flow.ssthreshBytes()).isEqualTo(flight / 2);
        // The first new segment sent after the cut carries CWR, and only that one.
        int cwr = 0;
        for (Packet p : h.fromSender) {
            cwr += (p.flags & Packet.FLAG_CWR) != 0 ? 1 : 0;
        }
        assertThat(cwr).isLessThanOrEqualTo(1);
        h.ack(10L * MSS);
        h.ack(12L * MSS);
        cwr = 0;
        for (Packet p : h.fromSender) {
            cwr += (p.flags & Packet.FLAG_CWR) != 0 ? 1 : 0;
        }
        assertThat(cwr).isEqualTo(1);
    }

    /**
     * DCTCP cuts by alpha / 2 once per window and says so with CWR on its next new segment, as Linux's DCTCP does
     * (it enters CWR like classic ECN); traces showed DCTCP senders never setting it.
     */
    @Test
    void dctcpSetsCwrOnceAfterEachCut() {
        Harness h = new Harness(TcpConfig.defaults().withVariant(TcpVariant.DCTCP).withHandshake(false));
        h.start();
        assertThat(h.lastSent().ecn).isEqualTo(Packet.ECN_ECT0);
        h.ack(MSS);
        double before = h.flow.cwndBytes();
        h.ack(2L * MSS, true);
        assertThat(h.flow.cwndBytes()).isLessThan(before);
        h.ack(3L * MSS, true); // the same window: no second cut, no second CWR
        h.ack(10L * MSS);
        h.ack(12L * MSS);
        int cwr = 0;
        for (Packet p : h.fromSender) {
            cwr += (p.flags & Packet.FLAG_CWR) != 0 ? 1 : 0;
        }
        assertThat(cwr).isEqualTo(1);
    }

    @Test
    void withoutEcnDataIsNotEcnCapable() {
        Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
        h.start();
        assertThat(h.lastSent().ecn).isEqualTo(Packet.ECN_NOT_ECT);
    }

    private static boolean lastAckHasEce(Harness h) {
        return (h.fromReceiver.get(h.fromReceiver.size() - 1).flags & Packet.FLAG_ECE) != 0;
    }

    private static void segmentWithCwr(Harness h, long seq, boolean ce) {
        Packet p = h.ctx.packets().acquire();
        p.kind = Packet.KIND_DATA;
        p.seq = seq;
        p.payloadBytes = MSS;
        p.flags = Packet.FLAG_CWR;
        p.ecn = ce ? Packet.ECN_CE : Packet.ECN_ECT0;
        p.tsValPs = h.ctx.nowPs();
        h.flow.receiver().receive(p);
    }
}
