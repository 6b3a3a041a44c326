package org.seawallsim.scenario.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.scenario.run.RunResult;
import org.seawallsim.scenario.run.Runner;
import org.seawallsim.scenario.run.Sweep;
import org.seawallsim.scenario.run.UnsupportedFeatureException;

/**
 * Runs the selected (entry, scheme) pairs of a suite on a thread pool. Each run is single-threaded and deterministic,
 * so the job count changes only the wall time. Every run's result files go to {@code out/runs/<entry>/<scheme>/}.
 */
public final class Regression {
    private Regression() {
    }

    /** One planned run: a bound scenario, or the binding error that prevents it. */
    record Planned(Suite.Entry entry, String scheme, Scenario scenario, String error) {
    }

    /**
     * Whether {@code entry/scheme} is selected by {@code patterns} (any of them; none selects all). A pattern with '*'
     * or '?' is a glob matched against the entry name, the scheme and "entry/scheme"; otherwise it is a
     * case-insensitive substring of "entry/scheme".
     */
    public static boolean selected(String entry, String scheme, List<String> patterns) {
        if (patterns.isEmpty()) {
            return true;
        }
        String key = Outcome.key(entry, scheme);
        for (String p : patterns) {
            if (p.contains("*") || p.contains("?")) {
                Pattern re = Pattern.compile(glob(p), Pattern.CASE_INSENSITIVE);
                if (re.matcher(entry).matches() || re.matcher(scheme).matches() || re.matcher(key).matches()) {
                    return true;
                }
            } else if (key.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String glob(String g) {
        StringBuilder sb = new StringBuilder();
        for (char c : g.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

    /**
     * Plans and runs the selected runs; a progress line per finished run goes to {@code progress} (may be null).
     * Throws IllegalArgumentException when the selection is empty.
     */
    public static List<Outcome> execute(Suite suite, List<String> only, List<String> sets, int jobs, Path out,
            java.io.PrintWriter progress) {
        List<Planned> plan = plan(suite, only, sets);
        // Each pattern must select something: a mistyped one among others would narrow the run silently.
        for (String p : only) {
            boolean any = false;
            for (Suite.Entry e : suite.entries()) {
                for (String s : e.schemes()) {
                    any |= selected(e.name(), s, List.of(p));
                }
            }
            if (!any && !plan.isEmpty()) {
                throw new IllegalArgumentException("--only pattern '" + p + "' selects no run (the others select "
                        + plan.size() + "); a pattern is an entry, scheme or entry/scheme glob such as 'E8*' or "
                        + "'*/seawall', or a substring of entry/scheme");
            }
        }
        if (plan.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Suite.Entry e : suite.entries()) {
                names.add(e.name());
            }
            throw new IllegalArgumentException("--only " + String.join(",", only) + " selects no run; entries: "
                    + String.join(", ", names));
        }
        int[] n = {0};
        return run(plan, jobs, out, o -> {
            if (progress != null) {
                n[0]++;
                progress.printf(Locale.ROOT, "[%d/%d] %s %s%s%n", n[0], plan.size(), o.key(),
                        o.status().name().toLowerCase(Locale.ROOT),
                        o.status() == Outcome.Status.OK ? String.format(Locale.ROOT, " (%.1f s, %d events)", o.wallS(),
                                o.events()) : ": " + firstLine(o.message()));
                progress.flush();
            }
        });
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i) + " ...";
    }

    static List<Planned> plan(Suite suite, List<String> only, List<String> userSets) {
        List<Planned> out = new ArrayList<>();
        for (Suite.Entry e : suite.entries()) {
            List<String> schemes = new ArrayList<>();
            for (String s : e.schemes()) {
                if (selected(e.name(), s, only)) {
                    schemes.add(s);
                }
            }
            if (schemes.isEmpty()) {
                continue;
            }
            List<String> sets = new ArrayList<>(e.sets());
            sets.addAll(userSets);
            Scenario base = null;
            String error = null;
            try {
                base = ScenarioLoader.load(e.scenario(), sets);
            } catch (ScenarioException ex) {
                error = ex.getMessage();
                if (!userSets.isEmpty() && loads(e)) {
                    // The entry is fine without the command's --set: the mistake is the user's, bad input (exit 2),
                    // not a failed run (exit 3).
                    throw new IllegalArgumentException("--set " + String.join(" --set ", userSets) + " does not "
                            + "apply to " + e.name() + ": " + ex.getMessage());
                }
            }
            if (base != null && !base.axes().isEmpty()) {
                // A run per entry and scheme takes one point: a list in --set (topology.bufferBytes=[a,b], or a
                // scheme parameter's) ran every entry at its first value without a word, as run and compare refuse.
                throw new IllegalArgumentException(e.name() + " has " + (base.axes().size() == 1 ? "a sweep axis"
                        : "sweep axes") + " (" + String.join(", ", base.axes().stream().map(a -> a.path()).toList())
                        + ")" + (userSets.isEmpty() ? "" : " with --set " + String.join(" --set ", userSets))
                        + ": regress runs one point per entry and "
                        + "scheme; give one value (a sweep over it: seawall-sim sweep)");
            }
            for (String s : schemes) {
                out.add(new Planned(e, s, base == null ? null : base.withScheme(s), error));
            }
        }
        return out;
    }

    private static boolean loads(Suite.Entry e) {
        try {
            ScenarioLoader.load(e.scenario(), e.sets());
            return true;
        } catch (ScenarioException ex) {
            return false;
        }
    }

    /** Runs the plan; {@code done} is told about each finished run (from worker threads, one at a time). */
    static List<Outcome> run(List<Planned> plan, int jobs, Path out, Consumer<Outcome> done) {
        List<Planned> order = new ArrayList<>(plan);
        // Longest first, so that a long run does not start last and leave a core idle at the end.
        order.sort(Comparator.comparingDouble((Planned p) -> p.scenario() == null ? 0 : -p.scenario().durationS()));
        List<Callable<Outcome>> tasks = new ArrayList<>();
        for (Planned p : order) {
            tasks.add(() -> {
                Outcome o = one(p, out);
                if (done != null) {
                    synchronized (Regression.class) {
                        done.accept(o);
                    }
                }
                return o;
            });
        }
        // one() turns a run's failure into an outcome; what escapes it stops the other runs before it is thrown.
        Map<String, Outcome> byKey = new java.util.HashMap<>();
        for (Outcome o : Sweep.runAll(Executors.newFixedThreadPool(Math.max(1, jobs)), tasks)) {
            byKey.put(o.key(), o);
        }
        List<Outcome> result = new ArrayList<>();
        for (Planned p : plan) {
            result.add(byKey.get(Outcome.key(p.entry().name(), p.scheme())));
        }
        return result;
    }

    private static Outcome one(Planned p, Path out) {
        String name = p.entry().name();
        if (p.scenario() == null) {
            return new Outcome(name, p.scheme(), Outcome.Status.ERROR, "scenario: " + p.error(), "", Map.of(), 0, 0);
        }
        try {
            RunResult r = Runner.run(p.scenario(), null);
            Path dir = out.resolve("runs").resolve(name).resolve(p.scheme());
            JsonNode s = ResultsWriter.JSON.valueToTree(ResultsWriter.write(r, dir));
            Map<String, Double> m = KeyMetrics.extract(s, KeyMetrics.names(p.scenario(), p.entry().track()));
            if (p.entry().convergence()) {
                m.put("convergence_s", KeyMetrics.convergenceS(dir.resolve("timeseries-vms.csv"),
                        p.scenario().sampleIntervalS()));
            }
            return new Outcome(name, p.scheme(), Outcome.Status.OK, "", s.get("engine").get("fingerprint").asText(),
                    m, r.events(), r.wallS());
        } catch (UnsupportedFeatureException e) {
            return new Outcome(name, p.scheme(), Outcome.Status.UNSUPPORTED, e.getMessage(), "", Map.of(), 0, 0);
        } catch (IllegalArgumentException e) {
            // A bad parameter (e.g. a mistyped --set): its message names the parameter and what is allowed.
            return new Outcome(name, p.scheme(), Outcome.Status.ERROR, "bad parameter: " + e.getMessage(), "",
                    Map.of(), 0, 0);
        } catch (RuntimeException | Error e) {
            return new Outcome(name, p.scheme(), Outcome.Status.ERROR, String.valueOf(e), "", Map.of(), 0, 0);
        }
    }
}
