package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.oracle.MaxMinOracle;
import org.seawallsim.scenario.oracle.MaxMinOracle.Entity;

/** Hand-computed weighted max-min allocations. Tolerance 1e-3 bit/s: the algorithm is exact up to rounding. */
class MaxMinOracleTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double TOL = 1e-3;

    @Test
    void equalWeightsSplitOneLinkEqually() {
        double[] r = MaxMinOracle.allocate(new double[] {1e9},
                List.of(new Entity(1, INF, new int[] {0}), new Entity(1, INF, new int[] {0})));
        assertThat(r[0]).isCloseTo(5e8, within(TOL));
        assertThat(r[1]).isCloseTo(5e8, within(TOL));
    }

    @Test
    void weightsOneTwoThreeGetSixthsOfTheLink() {
        double[] r = MaxMinOracle.allocate(new double[] {6e8}, List.of(new Entity(1, INF, new int[] {0}),
                new Entity(2, INF, new int[] {0}), new Entity(3, INF, new int[] {0})));
        assertThat(r).containsExactly(new double[] {1e8, 2e8, 3e8}, within(TOL));
    }

    @Test
    void aRateLimitedSourceLeavesItsUnusedShareToTheOthers() {
        // UDP at 100 Mb/s cannot use its 500 Mb/s share; the TCP VM takes the remaining 900 Mb/s.
        double[] r = MaxMinOracle.allocate(new double[] {1e9},
                List.of(new Entity(1, 1e8, new int[] {0}), new Entity(1, INF, new int[] {0})));
        assertThat(r).containsExactly(new double[] {1e8, 9e8}, within(TOL));
    }

    @Test
    void twoBottlenecksInALine() {
        // Links L0 and L1 of 10 units. a (w=1) crosses both, b (w=1) only L0, c (w=2) only L1.
        // L1 fills first: a + c = 3x = 10 -> a = 10/3, c = 20/3. Then b takes what is left of L0: 10 - 10/3 = 20/3.
        double[] r = MaxMinOracle.allocate(new double[] {10, 10}, List.of(new Entity(1, INF, new int[] {0, 1}),
                new Entity(1, INF, new int[] {0}), new Entity(2, INF, new int[] {1})));
        assertThat(r).containsExactly(new double[] {10.0 / 3, 20.0 / 3, 20.0 / 3}, within(TOL));
    }

    @Test
    void parkingLotWithUnequalCapacitiesAndADemandCap() {
        // L0 = 4, L1 = 10, L2 = 6. long (w=1) crosses all three; s0 (w=1) L0; s1 (w=1, demand 1) L1; s2 (w=2) L2.
        // Level x: L0 fills at 2x = 4 -> x = 2 (long = 2, s0 = 2); s1 hits its demand 1 at x = 1 first;
        // L2: long + s2 = 2 + 2x <= 6 -> s2 continues after long freezes: s2 = 6 - 2 = 4. L1 carries 2 + 1 = 3 < 10.
        double[] r = MaxMinOracle.allocate(new double[] {4, 10, 6}, List.of(new Entity(1, INF, new int[] {0, 1, 2}),
                new Entity(1, INF, new int[] {0}), new Entity(1, 1, new int[] {1}), new Entity(2, INF, new int[] {2})));
        assertThat(r).containsExactly(new double[] {2, 2, 1, 4}, within(TOL));
    }

    @Test
    void nicsSharedByVmsOnOneHostAreLinksToo() {
        // Two VMs on host A (NIC 1 Gb/s, link 0) and one on host B (NIC 1 Gb/s, link 1) all into one 1 Gb/s
        // bottleneck (link 2), weights 1,1,2. Bottleneck: 4x = 1e9 -> 250, 250, 500 Mb/s; NICs carry 500 each.
        double[] r = MaxMinOracle.allocate(new double[] {1e9, 1e9, 1e9}, List.of(new Entity(1, INF, new int[] {0, 2}),
                new Entity(1, INF, new int[] {0, 2}), new Entity(2, INF, new int[] {1, 2})));
        assertThat(r).containsExactly(new double[] {2.5e8, 2.5e8, 5e8}, within(TOL));
    }

    @Test
    void idleEntitiesGetNothingAndCostNothing() {
        double[] r = MaxMinOracle.allocate(new double[] {1e9},
                List.of(new Entity(5, 0, new int[] {0}), new Entity(1, INF, new int[] {0})));
        assertThat(r).containsExactly(new double[] {0, 1e9}, within(TOL));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Entity(0, 1, new int[] {0})).hasMessageContaining("weight");
        assertThatThrownBy(() -> MaxMinOracle.allocate(new double[] {1}, List.of(new Entity(1, INF, new int[] {3}))))
                .hasMessageContaining("unknown link 3");
    }
}
