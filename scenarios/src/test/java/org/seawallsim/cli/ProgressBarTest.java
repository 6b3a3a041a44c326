package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.run.Runner;

/** Progress without a terminal: plain lines at fixed wall-clock intervals, driven by an injected clock. */
class ProgressBarTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private void at(double s) {
        nanos.set(1_000_000_000L + Math.round(s * 1e9));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private ProgressBar bar(ProgressBar.Mode mode, Double... durationsS) {
        return new ProgressBar(mode, out, nanos::get, List.of(durationsS));
    }

    @Test
    void plainLinesEveryFiveSecondsWithRunsSimulatedTimeRateAndEta() {
        ProgressBar b = bar(ProgressBar.Mode.PLAIN, 4.0, 4.0);
        Runner.Progress first = b.run(0);
        Runner.Progress second = b.run(1);
        at(1);
        first.update(1, 4, 1_000_000, 1);
        at(4.9);
        first.update(1.5, 4, 9_000_000, 4.9);
        assertThat(text()).as("nothing before the first interval").isEmpty();
        at(5);
        first.update(2, 4, 10_000_000, 5);
        // 10 M events in 5 s; a quarter of 8 simulated seconds done in 5 s leaves 15 s.
        assertThat(text()).isEqualTo("progress: 0/2 runs done, 2.00/8.00 s simulated (25 %), 2.00 M events/s, "
                + "ETA 15 s\n");
        at(9.9);
        first.update(3.9, 4, 19_000_000, 9.9);
        second.update(1, 4, 1_000_000, 9.9);
        assertThat(text().lines()).as("at most one line per interval").hasSize(1);
        at(10);
        b.finished(0, 20_000_000);
        second.update(2, 4, 5_000_000, 10);
        // The finish at 10 s draws (4 + 1 of 8 s, 21 M events); the update right after it waits for the next slot.
        assertThat(text().lines()).hasSize(2).last().isEqualTo("progress: 1/2 runs done, 5.00/8.00 s simulated "
                + "(63 %), 2.10 M events/s, ETA 6 s");
        at(15);
        b.finished(1, 8_000_000);
        assertThat(text().lines()).hasSize(3).last().isEqualTo("progress: 2/2 runs done, 8.00/8.00 s simulated "
                + "(100 %), 1.87 M events/s, ETA 0 s");
        b.done();
        assertThat(text()).doesNotContain("\r").endsWith("\n");
    }

    @Test
    void simulatedTimeNeverExceedsTheDurationAndUnknownRatesShowADash() {
        ProgressBar b = bar(ProgressBar.Mode.PLAIN, 2.0);
        at(6);
        // The last sample of a run can land a rounding step past its end; a sweep's runs report no event counts.
        b.run(0).update(2.0000001, 2, 0, 6);
        assertThat(text()).isEqualTo("progress: 0/1 runs done, 2.00/2.00 s simulated (100 %), - events/s, ETA 0 s\n");
        ProgressBar none = bar(ProgressBar.Mode.PLAIN, 3.0);
        assertThat(none.status(1)).isEqualTo("0/1 runs done, 0.00/3.00 s simulated (0 %), - events/s, ETA -");
    }

    @Test
    void offPrintsNothingAndTheInteractiveBarRedrawsInPlaceAndClearsItself() {
        ProgressBar off = bar(ProgressBar.Mode.OFF, 1.0);
        at(100);
        off.run(0).update(0.5, 1, 10, 100);
        off.done();
        assertThat(text()).isEmpty();

        at(0);
        ProgressBar b = bar(ProgressBar.Mode.INTERACTIVE, 1.0);
        at(1);
        b.run(0).update(0.25, 1, 1_000_000, 1);
        assertThat(text()).as("nothing in the first two seconds").isEmpty();
        at(2);
        b.run(0).update(0.5, 1, 4_000_000, 2);
        assertThat(text()).isEqualTo("\r[============            ] 0/1 runs done, 0.50/1.00 s simulated (50 %), "
                + "2.00 M events/s, ETA 2 s");
        int width = text().length() - 1;
        b.done();
        assertThat(text()).endsWith("\r" + " ".repeat(width) + "\r").doesNotContain("\n");
    }

    @Test
    void durationsReadAsAPersonWritesThem() {
        assertThat(ProgressBar.duration(0.4)).isEqualTo("0 s");
        assertThat(ProgressBar.duration(59.4)).isEqualTo("59 s");
        assertThat(ProgressBar.duration(65)).isEqualTo("1 min 05 s");
        assertThat(ProgressBar.duration(3700)).isEqualTo("1 h 01 min");
    }

    @Test
    void withoutAConsoleTheCommandLineChoosesPlainLines() {
        assertThat(ProgressBar.stderrMode(true)).isEqualTo(ProgressBar.Mode.OFF);
        Assumptions.assumeTrue(System.console() == null, "the tests run attached to a terminal");
        assertThat(ProgressBar.stderrMode(false)).isEqualTo(ProgressBar.Mode.PLAIN);
    }
}
