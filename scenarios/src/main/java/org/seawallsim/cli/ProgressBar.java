package org.seawallsim.cli;

import java.util.Locale;
import org.seawallsim.scenario.run.Runner;

/**
 * A one-line progress bar on stderr: simulated time and events per second. Drawn only when stderr is a terminal
 * (System.console() is present), not with --quiet, and only once a run has taken more than two seconds.
 */
final class ProgressBar implements Runner.Progress {
    private final boolean enabled;
    private boolean drawn;
    private double lastDrawWall = -1;

    private ProgressBar(boolean enabled) {
        this.enabled = enabled;
    }

    static ProgressBar forStderr(boolean quiet) {
        return new ProgressBar(!quiet && System.console() != null);
    }

    @Override
    public synchronized void update(double simulatedS, double durationS, long events, double wallS) {
        if (!enabled || wallS < 2 || wallS - lastDrawWall < 0.2 || durationS <= 0) {
            return;
        }
        lastDrawWall = wallS;
        int width = 30;
        int filled = (int) Math.round(width * Math.min(1, simulatedS / durationS));
        String bar = "=".repeat(filled) + " ".repeat(width - filled);
        System.err.printf(Locale.ROOT, "\r[%s] %.2f/%.2f s simulated, %.2f M events/s ", bar, simulatedS, durationS,
                events / wallS / 1e6);
        System.err.flush();
        drawn = true;
    }

    synchronized void done() {
        if (drawn) {
            System.err.print("\r" + " ".repeat(80) + "\r");
            System.err.flush();
        }
    }
}
