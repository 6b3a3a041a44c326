package org.seawallsim.seawall.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.seawall.controller.FakeTime;
import org.seawallsim.seawall.controller.FeedbackReport;

class ReceiverPortTest {
    static final long MS = 1_000_000_000L;

    /** A packet: source VM and host, sequence stamp, CE flag. */
    record Pkt(int vm, int host, int seq, boolean ce) {
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
            return 1538;
        }

        public int sizeBytes(Pkt p) {
            return 1500;
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
}
