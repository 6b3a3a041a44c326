package org.seawallsim.seawall.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HypervisorCostModelTest {
    @Test
    void calibrationReproducesThePrototypeGoodputsInClosedForm() {
        HypervisorCostModel m = HypervisorCostModel.prototype1GbE();
        // Goodput when CPU bound = payload bits / time per full-size packet.
        double bs = 1448 * 8 / (m.costPs(1500, false) / 1e12);
        double enc = 1448 * 8 / (m.costPs(1500, true) / 1e12);
        assertThat(bs).isCloseTo(843e6, within(0.1e6));
        assertThat(enc).isCloseTo(280e6, within(0.1e6));
        // Both are CPU bound: slower than the 1538-byte frame's 12.304 us on a 1 Gb/s wire.
        assertThat(m.costPs(1500, false)).isGreaterThan(12_304_000L);
        // t_bs = 1448 * 8 / 843e6 = 13.7414 us, minus 1500 B at 1 ns/B.
        assertThat(m.perPacketPs()).isCloseTo(12_241_400L, within(1_000L));
        assertThat(m.softwareSegmentPs()).isCloseTo(26_130_000L, within(5_000L));
    }
}
