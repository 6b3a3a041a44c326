package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With a timeline, the weight-budget note (WeightBudgetNoteTest) judges every phase of the measured interval, not
 * the state at the run's end: a trunk over the budget (8 units, loss-driven defaults on 1 Gb/s) for most of the
 * interval is noted with the part that was over, and one over it for less than Runner.OVER_BUDGET_SHARE (10 %) of
 * it is not. Before, probeK tl16 (21 units for 86 % of 1.4 s, light VM at 1.9-2.4 times its share in every
 * sample) had no note and tl17 (21 units for the last 4 %) had one. Measured interval here: 0.1-0.5 s, so 10 % is
 * 0.04 s. The note depends only on the oracle's states and the traced paths, so the expected texts are exact.
 */
class WeightBudgetTimelineNoteTest {
    /** Two UDP floods of weight 1 on the trunk; a's weight set to {@code %s} at {@code %s} s (21 or 2 units). */
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
            tenants:
              ta: {vms: {a: {host: h0, weight: %s, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}}}
              tb: {vms: {b: {host: h1, traffic: [{type: udp, to: br, rateMbps: 2000}]}, br: {host: h3}}}
            timeline:
              - {atS: %s, action: setWeight, vm: [a], weight: %s}
            scheme: seawall
            durationS: 0.5
            warmupS: 0.1
            sampleIntervalS: 0.05
            """;

    private static final String TAIL = "; Seawall's additive increase (alphaMbps 5.00 per unit over the 5.00 "
            + "intervals between two cuts: holdoffIntervals and the report's delay) outruns its cuts (beta 0.200 x "
            + "1000 Mb/s) above 8.00 units";

    private static RunResult setWeightAt(Path dir, String atS, boolean up) throws Exception {
        return ScenarioRuns.run(dir, YAML.formatted(up ? "1" : "20", atS, up ? "20" : "1"));
    }

    /** tl16-like: 21 units from the start, back to 2 at 0.4 s: over for 75 % of the interval. */
    @Test
    void overTheBudgetForMostOfTheIntervalThenNotIsNoted(@TempDir Path dir) throws Exception {
        RunResult r = setWeightAt(dir, "0.4", false);
        assertThat(ScenarioRuns.notesButConvergence(r)).containsExactly("link swL->swR carries 21.0 weight units of "
                + "sending VMs from 0.1 to 0.4 s (75 % of the measured interval)" + TAIL + ", so the lighter VMs there "
                + "can get more than their weighted shares (the lightest got 1.26 times theirs in that time; README, "
                + "\"Weight scale\"): scale the weights down, lower alphaMbps or raise beta");
        // The note is warranted: over the 50-ms samples from 0.15 to 0.4 s the light VM b, owed 45.6 Mb/s of 21
        // units' 957.1, got 1.26 times that on average (seed 1, samples 0.87-1.58; seeds 2-3: 1.45 and 1.71; 1.7-2.3
        // in every sample before the controller's headroom above the NIC-rate clamp, session 18; 1.15 leaves room).
        // Over the whole interval it got less than its 153.8 (0.3 s at 45.6 and 0.1 s at 478.5): the loop had not
        // yet taken b back up to its share after 0.4 s, so the run's totals alone do not show the phase.
        int b = r.scenario().vm("b").id();
        assertThat(r.vmIdealBps()[b] / 1e6).isCloseTo(153.8, org.assertj.core.data.Offset.offset(0.1));
        double overShare = 0;
        int samples = 0;
        for (int i = 0; i < r.series().times.size(); i++) {
            double t = r.series().times.get(i);
            if (t > 0.1 + 1e-9 && t < 0.4 + 1e-9) {
                assertThat(r.series().vmIdeal.get(i)[b] / 1e6).isCloseTo(45.58, org.assertj.core.data.Offset.offset(0.01));
                overShare += r.series().vmGoodput.get(i)[b] / r.series().vmIdeal.get(i)[b];
                samples++;
            }
        }
        assertThat(samples).isEqualTo(6);
        assertThat(overShare / samples).isGreaterThan(1.15);
    }

    /**
     * tl17-like: 2 units, a set to 20 at 0.47 s: over for the last 7.5 % of the interval only, not noted (the note
     * read the state at 0.475 s, the middle of the last sample, alone, and was written).
     */
    @Test
    void overTheBudgetForASliverAtTheEndIsNotNoted(@TempDir Path dir) throws Exception {
        assertThat(ScenarioRuns.notesButConvergence(setWeightAt(dir, "0.47", true))).isEmpty();
    }

    /**
     * The event time swept across the classes: before the warm-up (the whole interval in one state), inside it
     * with the over-budget part above, at and below 10 % of the interval, in both directions.
     */
    @ParameterizedTest(name = "a set {1} at {0} s: {2}")
    @CsvSource(delimiter = '|', value = {
        // Up to 21 units at t: over from max(t, 0.1) to 0.5.
        "0.05 | up   | whole",
        "0.1  | up   | whole",
        "0.3  | up   | from 0.3 to 0.5 s (50 % of the measured interval)",
        "0.46 | up   | from 0.46 to 0.5 s (10 % of the measured interval)",
        "0.47 | up   | none",
        "0.49 | up   | none",
        // Down to 2 units at t: over from 0.1 to max(t, 0.1).
        "0.05 | down | none",
        "0.13 | down | none",
        "0.14 | down | from 0.1 to 0.14 s (10 % of the measured interval)",
        "0.2  | down | from 0.1 to 0.2 s (25 % of the measured interval)",
        "0.49 | down | from 0.1 to 0.49 s (98 % of the measured interval)"})
    void theEventTimeDecidesThePartOverTheBudget(String atS, String direction, String expected, @TempDir Path dir)
            throws Exception {
        RunResult r = setWeightAt(dir, atS, direction.equals("up"));
        switch (expected) {
            case "none" -> assertThat(ScenarioRuns.notesButConvergence(r)).isEmpty();
            case "whole" -> assertThat(ScenarioRuns.notesButConvergence(r)).singleElement().asString()
                    .startsWith("link swL->swR carries 21.0 weight units of sending VMs" + TAIL);
            default -> assertThat(ScenarioRuns.notesButConvergence(r)).singleElement().asString()
                    .startsWith("link swL->swR carries 21.0 weight units of sending VMs " + expected + TAIL);
        }
    }

    /**
     * No timeline, but a's flood (weight 20) stops at 0.4 s: its units leave the trunk with its traffic, and the
     * phases follow the items' windows too (judged at the end alone, this run had no note).
     */
    @Test
    void aTrafficItemsWindowBoundsThePhaseWithoutATimeline(@TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted("20", "0", "20")
                .replace("rateMbps: 2000}]}, ar", "rateMbps: 2000, stopS: 0.4}]}, ar")
                .replace("timeline:\n  - {atS: 0, action: setWeight, vm: [a], weight: 20}\n", ""));
        assertThat(r.scenario().timeline()).isEmpty();
        assertThat(ScenarioRuns.notesButConvergence(r)).singleElement().asString().startsWith("link swL->swR carries 21.0 weight units of "
                + "sending VMs from 0.1 to 0.4 s (75 % of the measured interval)" + TAIL);
    }

    /**
     * Joins and leaves change the units on the trunk: a and b of weight 1 (2 units) and c of weight 10 that is
     * there only between its join and leave events; its units count only while it is joined.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // 12 units for 0.1 s and 0.08 s: 0.18 of 0.4.
        "c joins at 0.2, leaves at 0.3 and joins again at 0.42 | false | 0.2: join; 0.3: leave; 0.42: join"
                + " | carries 12.0 weight units of sending VMs from 0.2 to 0.3 s and from 0.42 to 0.5 s (45 % of the"
                + " measured interval);",
        // c leaves for good at 0.3 s: no traced path at the end, its units still count while it was there.
        "c there from the start, leaves at 0.3 | true | 0.3: leave | carries 12.0 weight units of sending VMs from"
                + " 0.1 to 0.3 s (50 % of the measured interval);",
        // 12 units for 0.03 s only (7.5 %).
        "c there from the start, leaves at 0.13 | true | 0.13: leave | none",
        // b at weight 10: 11 units all along, then 21 while c is joined: over all of the interval, up to 21.
        "b at 10, c joins at 0.3 | false | 0.3: join | carries up to 21.0 weight units of sending VMs;"})
    void joinsAndLeavesChangeTheUnitsOnTheLink(String name, boolean cActive, String events, String expected,
            @TempDir Path dir) throws Exception {
        StringBuilder timeline = new StringBuilder();
        for (String e : events.split("; ")) {
            String[] atAction = e.split(": ");
            timeline.append("  - {atS: ").append(atAction[0]).append(", action: ").append(atAction[1])
                    .append(", vm: [c]}\n");
        }
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: dumbbell, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
                tenants:
                  ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h3}}}
                  tb: {vms: {b: {host: h1, weight: %s, traffic: [{type: udp, to: br, rateMbps: 2000}]}, br: {host: h4}}}
                  tc: {vms: {c: {host: h2, weight: 10, active: %s, traffic: [{type: udp, to: cr, rateMbps: 2000}]}, cr: {host: h5}}}
                timeline:
                %s
                scheme: seawall
                durationS: 0.5
                warmupS: 0.1
                sampleIntervalS: 0.05
                """.formatted(name.startsWith("b at 10") ? "10" : "1", cActive, timeline.toString().stripTrailing()));
        if (expected.equals("none")) {
            assertThat(ScenarioRuns.notesButConvergence(r)).isEmpty();
        } else {
            assertThat(ScenarioRuns.notesButConvergence(r)).singleElement().asString().startsWith("link swL->swR " + expected);
        }
    }
}
