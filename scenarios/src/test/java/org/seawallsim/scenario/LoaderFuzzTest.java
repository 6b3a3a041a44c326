package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.model.Problem;
import org.seawallsim.scenario.model.RunEstimate;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.Schemes;
import org.seawallsim.scenario.run.Sweep;
import org.seawallsim.scenario.run.UnsupportedFeatureException;

/**
 * Property: any mutation of a library file (values replaced by extreme, wrong-typed or YAML-special tokens, lines
 * deleted, duplicated or re-indented, stray characters, truncation, --set overrides) goes through the loader, every
 * sweep point, the scheme's parameter check and the run estimate and ends either in a clean scenario or in a
 * ScenarioException whose every problem names the file (or --set) and a line, and a field unless it is a YAML-level
 * problem; never another exception, never more than the time bound. Validation only (nothing is run), so each case
 * is bounded by construction; the per-case timeout is 10 s against about a millisecond taken. Seeded, JUnit-generated
 * cases: the same 4 000 in every build, a few seconds in all; a failure names the case to rerun.
 */
class LoaderFuzzTest {
    private static final Path FILE = Path.of("fuzz.yaml");
    private static final List<String> LIBRARY = library();
    private static final List<String> TOKENS = List.of("1.0e+30", "-1", "0", "1e-30", "9.3e6", "100000", "100001",
            "2147483648", "9223372036854775808", "-9223372036854775809", ".nan", ".inf", "-.inf", "x", "null", "~",
            "[]", "{}", "[1, 2, 4]", "[0.5, 1e30]", "''", "true", "*a", "&a {k: 1}", "{<<: *a}", "h99", "0x10", "1_000",
            "\"5\"", "1e308", "-0", "8000", "8000.5", "1e-12", "1e-13", "[h0, h99]", "udp", "bulk", "fattree", "[[1]]",
            "!!binary aGk=", "|\n  text", ">- x", "'a: b'", "{type: udp}", "[{type: bulk, to: a}]", "a", "ar",
            "\"\\u0000\"", "1e6", "1000000", "0.0000001");
    private static final List<String> KEYS = List.of("durationS", "warmupS", "sampleIntervalS", "seed", "repetitions",
            "scheme", "topology.rateGbps", "topology.coreRateGbps", "topology.delayUs", "topology.hosts",
            "topology.builder", "topology.k", "topology.racks", "topology.bufferBytes", "topology.nicBufferBytes",
            "tenants.attacker.vms.a.count", "tenants.attacker.vms.a.traffic[0].rateMbps",
            "tenants.attacker.vms.a.traffic[0].flows", "tenants.victim.weight", "tenants.x.vms.y.count",
            "schemeParams.seawall.beta", "timeline[0].atS", "expect[0].share", "compare");

    private static List<String> library() {
        try (Stream<Path> s = Files.list(Path.of("library"))) {
            List<String> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                out.add(Files.readString(p));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One mutated file and the --set arguments that go with it. */
    record Mutant(String text, List<String> sets) {
        @Override
        public String toString() {
            return "--set " + sets + "\n" + text;
        }
    }

    /** An edit of the text: {@code where} and {@code what} are drawn in [0, 1) and picked from the text's lines. */
    private record Edit(int kind, double where, double what, String token) {
        String apply(String text) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            int i = (int) (where * lines.size());
            String line = lines.get(i);
            switch (kind) {
                case 0, 1, 2 -> { // replace one value of the line (after a "key: ")
                    List<Integer> colons = new ArrayList<>();
                    for (int c = line.indexOf(": "); c >= 0; c = line.indexOf(": ", c + 1)) {
                        colons.add(c);
                    }
                    if (colons.isEmpty()) {
                        return text;
                    }
                    int c = colons.get((int) (what * colons.size())) + 2;
                    int end = c;
                    int depth = 0;
                    while (end < line.length() && !(depth == 0 && (line.charAt(end) == ',' || line.charAt(end) == '}'))) {
                        depth += line.charAt(end) == '[' || line.charAt(end) == '{' ? 1
                                : line.charAt(end) == ']' ? -1 : 0;
                        end++;
                    }
                    lines.set(i, line.substring(0, c) + token + line.substring(end));
                }
                case 3 -> lines.remove(i);
                case 4 -> lines.add(i, line);
                case 5 -> lines.set(i, (what < 0.5 ? "  " : "") + line.substring(what < 0.5 ? 0
                        : Math.min(line.length(), 2)));
                case 6 -> {
                    String stray = "{}[]:,&*!|>-'\"#\t%@`";
                    int at = (int) (what * (line.length() + 1));
                    lines.set(i, line.substring(0, at) + stray.charAt((int) (what * 997) % stray.length())
                            + line.substring(at));
                }
                default -> {
                    return text.substring(0, (int) (where * text.length()));
                }
            }
            return String.join("\n", lines);
        }
    }

    /** Case {@code i} of the run: its own stream of the seed, so any one case can be rerun alone. */
    static Mutant mutant(long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        String text = LIBRARY.get(r.nextInt(LIBRARY.size()));
        int edits = 1 + r.nextInt(4);
        for (int k = 0; k < edits; k++) {
            text = new Edit(r.nextInt(8), r.nextDouble(), r.nextDouble(), TOKENS.get(r.nextInt(TOKENS.size())))
                    .apply(text);
        }
        List<String> sets = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) {
            sets.add(KEYS.get(r.nextInt(KEYS.size())) + "=" + TOKENS.get(r.nextInt(TOKENS.size())).replace("\n", " "));
        }
        return new Mutant(text, sets);
    }

    static final long SEED = 16;
    static final int CASES = 4000;

    @Test
    void everyMutantEndsInAScenarioOrLocatedProblems() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            Mutant m = mutant(SEED, i);
            String what = "case " + i + " of seed " + SEED + " (LoaderFuzzTest.mutant(" + SEED + ", " + i + ")):\n" + m;
            String outcome;
            try {
                outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check(m.text(), m.sets()), what);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(what + "\n" + e, e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("loader fuzz, seed " + SEED + ", " + CASES + " cases: " + outcomes);
        // Both ends are exercised: enough mutants survive to reach the estimate and the scheme check, enough fail.
        assertThat(outcomes.getOrDefault("clean", 0)).as(outcomes.toString()).isGreaterThan(CASES / 40);
        assertThat(outcomes.getOrDefault("rejected", 0)).as(outcomes.toString()).isGreaterThan(CASES / 2);
    }

    /** The issue's cases (and a few more) through the same check: each must be refused. */
    @Test
    void issueCasesAreRefused() throws Exception {
        String e1 = Files.readString(Path.of("library/udp-flood.yaml"));
        for (List<String> sets : List.of(List.of("durationS=1.0e+30"), List.of("topology.delayUs=1.0e+30"),
                List.of("topology.rateGbps=1.0e+30"), List.of("tenants.attacker.vms.a.traffic[0].rateMbps=1.0e+30"),
                List.of("sampleIntervalS=1.0e-30"), List.of("topology.racks=100000", "topology.builder=tree",
                        "topology.hostsPerRack=100000"), List.of("durationS=[1,2,3,4,5,6,7,8,9,10]",
                        "warmupS=[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95]", "repetitions=1000"))) {
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check(e1, sets))).as(sets.toString())
                    .isEqualTo("rejected");
        }
    }

    private static String check(String text, List<String> sets) {
        try {
            ScenarioLoader loader = ScenarioLoader.open(FILE, text, sets);
            Scenario s = loader.scenario(Map.of());
            List<Scenario> runs = s.axes().isEmpty() ? List.of(s)
                    : Sweep.expand(loader).stream().map(Sweep.Point::scenario).toList();
            for (Scenario r : runs) {
                RunEstimate e = RunEstimate.of(r);
                assertThat(e.events()).as("estimated events").isNotNaN().isNotNegative();
                assertThat(e.heapBytes()).as("estimated heap").isNotNaN().isPositive();
            }
            try {
                Schemes.create(s);
            } catch (IllegalArgumentException e) {
                // A bad scheme parameter is reported with where it was set (file:line:col or the --set).
                assertThat(e.getMessage()).containsAnyOf(FILE + ":", "--set ");
                return "scheme parameter rejected";
            } catch (UnsupportedFeatureException e) {
                return "unsupported";
            }
            return "clean";
        } catch (ScenarioException e) {
            assertThat(e.problems()).isNotEmpty();
            for (Problem p : e.problems()) {
                String f = p.loc().file();
                boolean commandLine = f.startsWith("--set ") || f.startsWith("sweep point ");
                assertThat(commandLine || f.equals(FILE.toString())).as(p.toString()).isTrue();
                if (!commandLine) {
                    assertThat(p.loc().line()).as(p.toString()).isPositive();
                    assertThat(p.loc().column()).as(p.toString()).isPositive();
                }
                boolean yamlLevel = p.message().startsWith("malformed YAML") || p.message().startsWith("duplicate key")
                        || p.message().contains("alias *") || p.message().contains("merge key")
                        || p.message().contains("expands to more than") || p.message().startsWith("unsupported YAML value") || p.message().startsWith("expected path=value")
                        || p.message().startsWith("expected a mapping (scenario)"); // the document itself
                assertThat(yamlLevel || !p.path().isEmpty()).as("a field for " + p).isTrue();
                assertThat(p.message()).as(p.toString()).isNotBlank().doesNotContain("Exception");
            }
            return "rejected";
        }
    }
}
