package org.seawallsim.seawall.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.seawall.controller.FakeTime;
import org.seawallsim.seawall.controller.FeedbackReport;
import org.seawallsim.seawall.port.DetectorConfig;
import org.seawallsim.seawall.port.PortConfig;
import org.seawallsim.seawall.port.ReceiverPort;

/**
 * ECN-driven feedback's codepoint round trip: the sender side makes not-ECT guest packets ECT(1), switch marks are
 * counted into the report, and the guest gets back the codepoint it sent (not-ECT, or CE only when its own stack
 * uses ECN on the tunnel).
 */
class HypervisorEcnTest {
    static final long MS = 1_000_000_000L;
    final SimContext ctx = new SimContext(1);
    final PacketHeaderView view = new PacketHeaderView(28, null);

    Packet packet(int seq, int ecn) {
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, 3, 9, 1000, 80, Packet.PROTO_TCP);
        p.srcVm = 1;
        p.sizeBytes = 1500;
        p.ecn = ecn;
        p.ipId = seq;
        return p;
    }

    @Test
    void onlyNotEctGuestPacketsGetTheHypervisorCodepoint() {
        Packet plain = packet(0, Packet.ECN_NOT_ECT);
        assertThat(view.setHypervisorEct(plain)).isTrue();
        assertThat(plain.ecn).isEqualTo(Packet.ECN_ECT1);
        Packet guestEcn = packet(1, Packet.ECN_ECT0);
        assertThat(view.setHypervisorEct(guestEcn)).isFalse();
        assertThat(guestEcn.ecn).isEqualTo(Packet.ECN_ECT0);
    }

    @Test
    void marksAreReportedAndTheGuestSeesTheCodepointItSent() {
        FakeTime time = new FakeTime();
        List<FeedbackReport> reports = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        ReceiverPort<Packet> r = new ReceiverPort<>(9, PortConfig.defaults().withHypervisorEcn(true),
                DetectorConfig.defaults(), MS, time, time, view, reports::add, p -> seen.add(p.ecn), null);
        r.start();
        // A not-ECN guest: ECT(1) on the wire, two of ten marked by a switch.
        for (int s = 0; s < 10; s++) {
            r.receive(packet(s, s == 3 || s == 6 ? Packet.ECN_CE : Packet.ECN_ECT1));
        }
        time.advanceTo(MS);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).marked()).isEqualTo(2);
        assertThat(reports.get(0).lost()).isZero();
        assertThat(reports.get(0).congested()).isTrue();
        assertThat(seen).hasSize(10).containsOnly(Packet.ECN_NOT_ECT);
        // Once the guest's own stack sends ECT(0) on the tunnel, a CE mark is its signal too and stays.
        seen.clear();
        r.receive(packet(10, Packet.ECN_ECT0));
        r.receive(packet(11, Packet.ECN_CE));
        assertThat(seen).containsExactly(Packet.ECN_ECT0, Packet.ECN_CE);
    }
}
