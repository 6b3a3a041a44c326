package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbe;

/**
 * onReceived, the goodput credit: each payload byte counts once, when it first reaches the receiver, in order or
 * out of order; a copy of held bytes counts nothing. Segments are handed to the receiver by hand, so every value
 * is exact. Over any sequence the credits add up to the bytes held (rcvNxt plus the out-of-order ranges): bytes
 * are conserved.
 */
class ReceivedBytesTest {
    private final Harness h = new Harness(TcpConfig.defaults().withHandshake(false));
    private final List<Long> credits = new ArrayList<>();

    ReceivedBytesTest() {
        h.tp.probes().attach(new TransportProbe() {
            @Override
            public void onReceived(FlowInfo flow, long newBytes) {
                credits.add(newBytes);
            }
        });
    }

    private long creditFor(long seq, int len) {
        int before = credits.size();
        h.segment(seq, len, false);
        long sum = 0;
        for (int i = before; i < credits.size(); i++) {
            sum += credits.get(i);
        }
        return sum;
    }

    @Test
    void eachByteCountsOnceWhenItFirstArrives() {
        assertThat(creditFor(0, 1000)).isEqualTo(1000); // in order
        assertThat(creditFor(2000, 1000)).isEqualTo(1000); // out of order: counted now, not when the hole fills
        assertThat(creditFor(2500, 1000)).isEqualTo(500); // overlaps held [2000, 3000): only [3000, 3500) is new
        assertThat(creditFor(2000, 1000)).isZero(); // a copy of held out-of-order bytes
        assertThat(creditFor(0, 1000)).isZero(); // a copy of in-order bytes
        // In order across a held range: [1000, 2500) is new only below 2000, and rcvNxt jumps to 3500.
        assertThat(creditFor(1000, 1500)).isEqualTo(1000);
        assertThat(h.flow.receiver().rcvNxt).isEqualTo(3500);
        assertThat(creditFor(3000, 1000)).isEqualTo(500); // in order, its first half held: [3500, 4000) is new
        assertThat(credits.stream().mapToLong(Long::longValue).sum()).isEqualTo(h.flow.receiver().rcvNxt);
    }

    @Test
    void aReceiveWindowHeldBehindOneHoleIsCreditedAsItArrivesNotWhenTheHoleFills() {
        int mss = 1448;
        int n = 100;
        for (int i = 1; i < n; i++) {
            assertThat(creditFor((long) i * mss, mss)).isEqualTo(mss);
        }
        // The retransmission that fills the hole credits only its own segment (by the cumulative ACK it was 100).
        assertThat(creditFor(0, mss)).isEqualTo(mss);
        assertThat(h.flow.receiver().rcvNxt).isEqualTo((long) n * mss);
        assertThat(credits.stream().mapToLong(Long::longValue).sum()).isEqualTo((long) n * mss);
    }
}
