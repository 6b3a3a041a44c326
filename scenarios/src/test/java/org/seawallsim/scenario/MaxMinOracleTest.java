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
    void aVmSplitOverPathsThatShareItsBottleneckGetsWhatOneEntityWould() {
        // VM 0 (w=1) has 3 flows on path A and 1 on path B, both through bottleneck 0; VM 1 (w=1) one path.
        // As one entity VM 0 would get half of link 0; split 3:1 over its paths it still does: 0.375 + 0.125.
        for (double w : new double[] {1, 2, 5}) {
            double[] r = MaxMinOracle.allocate(new double[] {1e9, 1e9, 1e9}, List.of(
                    new Entity(w, INF, new int[] {0, 1}, 0, 3), new Entity(w, INF, new int[] {0, 2}, 0, 1),
                    new Entity(1, INF, new int[] {0}, 1, 1)));
            double vm0 = 1e9 * w / (w + 1);
            assertThat(r).containsExactly(new double[] {vm0 * 0.75, vm0 * 0.25, 1e9 / (w + 1)}, within(TOL));
        }
    }

    @Test
    void whenOnePathOfAVmIsBottleneckedElsewhereItsWeightMovesToTheOthers() {
        // VM 0 (w=1): path P0 over links 0 and 1, path P1 over link 0 only, equal shares. VM 2 (w=1) on link 0.
        // Link 1 has 100: P0 freezes at 100 (level 200: both P0 and P1 at 100, VM 2 at 200). Link 0 (1000) then
        // has 600 left, and VM 0 grows with its whole weight on P1 against VM 2's: 300 each -> P1 = 400, VM 2 = 500.
        double[] r = MaxMinOracle.allocate(new double[] {1000, 100}, List.of(
                new Entity(1, INF, new int[] {0, 1}, 0, 1), new Entity(1, INF, new int[] {0}, 0, 1),
                new Entity(1, INF, new int[] {0}, 1, 1)));
        assertThat(r).containsExactly(new double[] {100, 400, 500}, within(TOL));
        // VM 0 in all: 500, exactly its single-bottleneck share of link 0.
        assertThat(r[0] + r[1]).isCloseTo(500, within(TOL));
    }

    @Test
    void twoFlowsCollidingOnOneSpineLinkHalveItWhileTheOtherSpineIdles() {
        // Leaf-spine by hand: hosts A, B on leaf 0 send to C, D on leaf 1; links 0 = A NIC, 1 = B NIC,
        // 2 = leaf0->spine0, 3 = leaf0->spine1, 4 = spine0->leaf1, 5 = spine1->leaf1, 6 = leaf1->C, 7 = leaf1->D,
        // all 1 Gb/s. Hashed onto the same spine the two flows share links 2 and 4: 500 each. On different spines
        // each has a path of its own: 1000 each. (Scored on the first equal-cost path both would always be 500.)
        double[] cap = {1e9, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9};
        double[] same = MaxMinOracle.allocate(cap, List.of(new Entity(1, INF, new int[] {0, 2, 4, 6}),
                new Entity(1, INF, new int[] {1, 2, 4, 7})));
        assertThat(same).containsExactly(new double[] {5e8, 5e8}, within(TOL));
        double[] apart = MaxMinOracle.allocate(cap, List.of(new Entity(1, INF, new int[] {0, 2, 4, 6}),
                new Entity(1, INF, new int[] {1, 3, 5, 7})));
        assertThat(apart).containsExactly(new double[] {1e9, 1e9}, within(TOL));
        // Three flows, weights 1, 1, 2, the first two on spine 0 and the third on spine 1 with the first's
        // receiver C: link 6 (leaf1->C) then carries flows 1 and 3. Level x: link 2 fills at 2x = 1e9 (x = 5e8),
        // link 6 would fill at x + 2x = 1e9 (x = 3.33e8) first: flow 1 = 3.33e8, flow 3 = 6.67e8; flow 2 then
        // takes the rest of link 2: 6.67e8.
        double[] three = MaxMinOracle.allocate(cap, List.of(new Entity(1, INF, new int[] {0, 2, 4, 6}),
                new Entity(1, INF, new int[] {1, 2, 4, 7}), new Entity(2, INF, new int[] {3, 5, 6})));
        assertThat(three).containsExactly(new double[] {1e9 / 3, 2e9 / 3, 2e9 / 3}, within(TOL));
    }

    @Test
    void groupMembersMustAgreeOnTheirWeight() {
        assertThatThrownBy(() -> MaxMinOracle.allocate(new double[] {1}, List.of(new Entity(1, INF, new int[] {0}, 0,
                1), new Entity(2, INF, new int[] {0}, 0, 1)))).hasMessageContaining("different weights");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Entity(0, 1, new int[] {0})).hasMessageContaining("weight");
        assertThatThrownBy(() -> MaxMinOracle.allocate(new double[] {1}, List.of(new Entity(1, INF, new int[] {3}))))
                .hasMessageContaining("unknown link 3");
    }

    /** Wire bytes of a pure ACK (52 IP bytes with timestamps) per data frame (1 500 IP bytes): 90/1538. */
    private static final double ACK = 90.0 / 1538;

    @Test
    void echoesTakeTheirBitsBeforeTheLinkIsShared() {
        // Two VMs sending to each other (weights 1 and 3): a's data on L0 (its NIC), b's on L1; each one's
        // acknowledgements cross the other's NIC. Echo: L0 carries x_a + r x_b, L1 x_b + r x_a; each NIC's data has
        // what its echo leaves, so x_a = C - r x_b and x_b = C - r x_a: x = C/(1+r) each, whatever the weights.
        List<Entity> es = List.of(new Entity(1, INF, new int[] {0}), new Entity(3, INF, new int[] {1}));
        List<MaxMinOracle.Echo> echoes = List.of(new MaxMinOracle.Echo(new int[] {1}, new double[] {ACK}),
                new MaxMinOracle.Echo(new int[] {0}, new double[] {ACK}));
        double[] r = MaxMinOracle.allocate(new double[] {1e9, 1e9}, es, echoes);
        assertThat(r).containsExactly(new double[] {1e9 / (1 + ACK), 1e9 / (1 + ACK)}, within(TOL));
        // As a cost (a claim on L1 of weight 1 against b's 3), a froze when b's NIC filled: 1e9/(3+r) = 3.28e8.
        double[] asCosts = MaxMinOracle.allocate(new double[] {1e9, 1e9}, List.of(
                new Entity(1, INF, new int[] {0, 1}, -1, 1, new double[] {1, ACK}),
                new Entity(3, INF, new int[] {1, 0}, -1, 1, new double[] {1, ACK})));
        assertThat(asCosts[0]).isCloseTo(1e9 / (3 + ACK), within(TOL));
    }

    @Test
    void anEchoOnALinkSharedByOthersLeavesThemTheRest() {
        // L0 (1e9) carries a (w=1) and c (w=2) and the echo of b; b's own link L1 carries b and the echoes of a and c.
        // b = C - r (a + c); a + c = C - r b, split 1:2. So b (1 - r^2) = C (1 - r): b = C/(1+r), a + c = C/(1+r).
        List<Entity> es = List.of(new Entity(1, INF, new int[] {0}), new Entity(1, INF, new int[] {1}),
                new Entity(2, INF, new int[] {0}));
        MaxMinOracle.Echo onL1 = new MaxMinOracle.Echo(new int[] {1}, new double[] {ACK});
        List<MaxMinOracle.Echo> echoes = List.of(onL1, new MaxMinOracle.Echo(new int[] {0}, new double[] {ACK}), onL1);
        double[] r = MaxMinOracle.allocate(new double[] {1e9, 1e9}, es, echoes);
        double b = 1e9 / (1 + ACK);
        assertThat(r).containsExactly(new double[] {b / 3, b, 2 * b / 3}, within(TOL));
    }

    @Test
    void noEchoesIsTheAllocationWithout() {
        List<Entity> es = List.of(new Entity(1, INF, new int[] {0}), new Entity(2, INF, new int[] {0, 1}));
        double[] r = MaxMinOracle.allocate(new double[] {9e8, 5e8}, es,
                List.of(MaxMinOracle.Echo.NONE, MaxMinOracle.Echo.NONE));
        assertThat(r).containsExactly(MaxMinOracle.allocate(new double[] {9e8, 5e8}, es), within(0.0));
        assertThatThrownBy(() -> MaxMinOracle.allocate(new double[] {1}, es, List.of(MaxMinOracle.Echo.NONE)))
                .hasMessageContaining("one per entity");
    }

    @Test
    void eachEntityIsToldWhatStoppedIt() {
        // probeH s12: VM a (w=1) has one flow across the trunk (L1) and one to its own side; both leave through its
        // NIC (L0); b (w=1) crosses the trunk from another NIC (L2); a's second path ends at L3, a's first and b's
        // at L4. The trunk fills first (a's first path at half of a's weight: C/3 against b's 2C/3), then a's NIC
        // (the second path C - C/3). A UDP source capped at 100 stops at its demand (-1).
        List<Entity> es = List.of(new Entity(1, INF, new int[] {0, 1, 4}, 0, 1),
                new Entity(1, INF, new int[] {0, 3}, 0, 1), new Entity(1, INF, new int[] {2, 1, 4}),
                new Entity(1, 100, new int[] {5}));
        List<MaxMinOracle.Echo> none = List.of(MaxMinOracle.Echo.NONE, MaxMinOracle.Echo.NONE, MaxMinOracle.Echo.NONE,
                MaxMinOracle.Echo.NONE);
        MaxMinOracle.Filled f = MaxMinOracle.fill(new double[] {900, 900, 900, 900, 900, 900}, es, none);
        assertThat(f.rateBps()).containsExactly(new double[] {300, 600, 600, 100}, within(TOL));
        assertThat(f.limitedBy()).containsExactly(1, 0, 1, -1);
    }

    @Test
    void aStrongEchoSettlesToo() {
        // As echoesTakeTheirBitsBeforeTheLinkIsShared with an echo of 0.9 per bit (a host path serving
        // acknowledgements nearly as slowly as segments): x = C/1.9 each. Undamped, the rounds swing by 0.9 each
        // and after 100 were still 2.6e-5 of C (26 kb/s) away; going half way once the swing shrinks slowly, they
        // settle in a few rounds. Tolerance 1 b/s of 1e9.
        List<Entity> es = List.of(new Entity(1, INF, new int[] {0}), new Entity(3, INF, new int[] {1}));
        List<MaxMinOracle.Echo> echoes = List.of(new MaxMinOracle.Echo(new int[] {1}, new double[] {0.9}),
                new MaxMinOracle.Echo(new int[] {0}, new double[] {0.9}));
        double[] r = MaxMinOracle.allocate(new double[] {1e9, 1e9}, es, echoes);
        assertThat(r).containsExactly(new double[] {1e9 / 1.9, 1e9 / 1.9}, within(1.0));
    }
}
