package org.seawallsim.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.seawallsim.scenario.run.Runner;

/**
 * Progress of one or more runs on stderr: runs done, simulated time, events per second and the time left. On a
 * terminal it is a bar redrawn in place; without one (CI logs, pipes, files) it is a plain line every
 * {@link #PLAIN_INTERVAL_S} seconds, so a log gets a readable heartbeat rather than carriage returns. Nothing is
 * shown with --quiet, nor during the first seconds, so short runs stay silent.
 */
final class ProgressBar {
    /** How progress is shown. */
    enum Mode { OFF, PLAIN, INTERACTIVE }

    /** Seconds between plain lines: often enough to show a run is alive, rare enough to keep a CI log short. */
    static final double PLAIN_INTERVAL_S = 5;
    /** Nothing is drawn before this much wall time, so runs that finish quickly print no progress at all. */
    static final double INTERACTIVE_DELAY_S = 2;
    static final double INTERACTIVE_INTERVAL_S = 0.2;
    private static final int BAR_WIDTH = 24;

    private final Mode mode;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long startNs;
    private final double[] durationS;
    private final double[] simulatedS;
    private final long[] events;
    private final boolean[] finished;
    private double lastDrawS = Double.NEGATIVE_INFINITY;
    private int drawnWidth;

    ProgressBar(Mode mode, PrintStream out, LongSupplier nanoClock, List<Double> durationsS) {
        this.mode = mode;
        this.out = out;
        this.nanoClock = nanoClock;
        this.startNs = nanoClock.getAsLong();
        int n = durationsS.size();
        this.durationS = new double[n];
        for (int i = 0; i < n; i++) {
            durationS[i] = durationsS.get(i);
        }
        this.simulatedS = new double[n];
        this.events = new long[n];
        this.finished = new boolean[n];
    }

    /** The mode for stderr: off with --quiet, the bar on a terminal, plain lines otherwise. */
    static Mode stderrMode(boolean quiet) {
        return quiet ? Mode.OFF : System.console() != null ? Mode.INTERACTIVE : Mode.PLAIN;
    }

    /** Progress on stderr for runs of the given simulated durations (one entry per run). */
    static ProgressBar forStderr(boolean quiet, List<Double> durationsS) {
        return new ProgressBar(stderrMode(quiet), System.err, System::nanoTime, durationsS);
    }

    /** The callback that run {@code index} reports to while it simulates. */
    Runner.Progress run(int index) {
        return (simulated, duration, eventCount, wallS) -> update(index, simulated, eventCount);
    }

    synchronized void update(int index, double simulated, long eventCount) {
        simulatedS[index] = Math.min(simulated, durationS[index]);
        events[index] = eventCount;
        maybeDraw();
    }

    /** Marks run {@code index} finished; {@code eventCount} is its total, or -1 when unknown (kept as last seen). */
    synchronized void finished(int index, long eventCount) {
        finished[index] = true;
        simulatedS[index] = durationS[index];
        if (eventCount >= 0) {
            events[index] = eventCount;
        }
        maybeDraw();
    }

    private void maybeDraw() {
        if (mode == Mode.OFF) {
            return;
        }
        double now = (nanoClock.getAsLong() - startNs) / 1e9;
        boolean due = mode == Mode.PLAIN ? now - lastDrawS >= PLAIN_INTERVAL_S && now >= PLAIN_INTERVAL_S
                : now >= INTERACTIVE_DELAY_S && now - lastDrawS >= INTERACTIVE_INTERVAL_S;
        if (!due) {
            return;
        }
        lastDrawS = now;
        String text = status(now);
        if (mode == Mode.PLAIN) {
            out.println("progress: " + text);
        } else {
            int filled = (int) Math.round(BAR_WIDTH * fraction());
            String line = "[" + "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + text;
            // Pad over the tail of a longer previous line.
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = Math.max(drawnWidth, line.length());
        }
        out.flush();
    }

    /** Simulated seconds done over simulated seconds asked for, 0..1. */
    private double fraction() {
        double total = 0;
        double done = 0;
        for (int i = 0; i < durationS.length; i++) {
            total += durationS[i];
            done += simulatedS[i];
        }
        return total > 0 ? done / total : 0;
    }

    /** e.g. "1/3 runs done, 2.40/6.00 s simulated (40 %), 3.21 M events/s, ETA 12 s". */
    String status(double elapsedS) {
        int runsDone = 0;
        double simulated = 0;
        double total = 0;
        long allEvents = 0;
        for (int i = 0; i < durationS.length; i++) {
            runsDone += finished[i] ? 1 : 0;
            simulated += simulatedS[i];
            total += durationS[i];
            allEvents += events[i];
        }
        double f = fraction();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d/%d runs done, %.2f/%.2f s simulated (%.0f %%), ", runsDone,
                durationS.length, simulated, total, 100 * f));
        s.append(allEvents > 0 && elapsedS > 0 ? String.format(Locale.ROOT, "%.2f M events/s", allEvents / elapsedS
                / 1e6) : "- events/s");
        // Simulated time so far predicts the rest: the remaining share at the rate seen until now.
        s.append(", ETA ").append(f > 0 ? duration(elapsedS * (1 - f) / f) : "-");
        return s.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** Clears the bar so the command's own output starts on a clean line; plain lines stay in the log. */
    synchronized void done() {
        if (mode == Mode.INTERACTIVE && drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            out.flush();
        }
    }
}
