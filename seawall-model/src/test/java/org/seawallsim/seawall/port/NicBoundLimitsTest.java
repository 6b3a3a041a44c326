package org.seawallsim.seawall.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seawallsim.seawall.controller.ControllerConfig;
import org.seawallsim.seawall.controller.FakeTime;
import org.seawallsim.seawall.controller.FeedbackReport;
import org.seawallsim.seawall.controller.RateController;
import org.seawallsim.seawall.controller.Tunnels;
import org.seawallsim.seawall.port.SenderPortTest.Pkt;
import org.seawallsim.seawall.port.SenderPortTest.View;

/**
 * The controller and the sender SW-port of a host whose own 1 Gb/s NIC is the bottleneck: one VM offers 1 Gb/s on
 * each of four tunnels into a network that reports no congestion. The limits must stop rising once the NIC, not
 * the limits, holds the tunnels back, so that the first congestion cut binds at once. (E6 at 1 GbE, seed 5: with
 * limits that kept rising, one host's limits summed to 3.9 Gb/s against the 0.98 Gb/s its NIC sent, each
 * congestion episode took about 40 ms of cuts before it slowed, and the other hosts' guest TCPs, which lost their
 * packets in those 40 ms, sat in retransmission time-outs for 3 s.)
 */
class NicBoundLimitsTest {
    static final long MS = ControllerConfig.PS_PER_MS;
    static final long NIC_BPS = 1_000_000_000L;
    static final int TUNNELS = 4;

    final FakeTime time = new FakeTime();
    long sentWireBytes;
    final PacketOutput<Pkt> out = new PacketOutput<>() {
        public void transmit(Pkt p) {
            sentWireBytes += p.size + 38;
        }

        public void dropLocal(Pkt p) {
        }
    };
    final RateController controller = new RateController(
            ControllerConfig.defaults().withInitialRateBps(100_000_000L), time, null);
    final SenderPort<Pkt> port = new SenderPort<>(PortConfig.defaults().withNicRateBps(NIC_BPS).withPacingJitterPs(0),
            time, time, new View(), out, null, controller, null);
    long interval;

    /** Offers 1 Gb/s per tunnel for {@code ms} intervals, each ending with one report per tunnel. */
    private void run(int ms, boolean congested) {
        long gap = 12_304_000L; // 1538 wire bytes at 1 Gb/s
        for (int i = 0; i < ms; i++) {
            long start = time.nowPs();
            for (long t = start; t < start + MS; t += gap) {
                time.advanceTo(t);
                for (int d = 0; d < TUNNELS; d++) {
                    port.send(new Pkt(1, 2 + d, 1500));
                }
            }
            time.advanceTo(start + MS);
            interval++;
            for (int d = 0; d < TUNNELS; d++) {
                long key = Tunnels.key(1, 2 + d);
                long seq = port.nextSeq(key);
                int last = (int) ((seq - 1) & 0xFFFF);
                controller.onFeedback(new FeedbackReport(1, 0, 2 + d, interval, MS, 20, 30_000, congested ? 1 : 0,
                        0, congested ? last : -1, last, false));
            }
        }
    }

    private double sumOfLimitsBps() {
        double sum = 0;
        for (int d = 0; d < TUNNELS; d++) {
            sum += controller.rateBps(Tunnels.key(1, 2 + d));
        }
        return sum;
    }

    @Test
    void limitsStopRisingAtTheNicAndTheFirstCutBinds() {
        controller.setLimiter(port);
        controller.setActivity(port);
        controller.addVm(1, 1.0);
        // 4 x 100 Mb/s climb by alpha = 5 Mb/s per interval in all: the NIC binds after about 120 intervals.
        run(400, false);
        assertThat(sumOfLimitsBps()).as("limits of NIC-bound tunnels").isLessThan(1.25 * NIC_BPS);
        long before = sentWireBytes;
        run(10, false);
        double nicBps = (sentWireBytes - before) * 8.0 / 10e-3;
        assertThat(nicBps).isGreaterThan(0.99 * NIC_BPS);
        // One congested interval cuts every tunnel by beta: the host must send less right away.
        run(1, true);
        before = sentWireBytes;
        run(2, false);
        double afterCutBps = (sentWireBytes - before) * 8.0 / 2e-3;
        assertThat(afterCutBps).as("sending rate after one cut").isLessThan(0.95 * NIC_BPS);
    }
}
