package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Problem;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * Input an outside tester found accepted (or refused only later, or in internal words): each is refused when the file
 * is loaded, naming the file, line, field and what is allowed.
 */
class InputRefusedTest {
    @TempDir
    Path dir;

    private List<Problem> problems(String yaml, String... sets) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        try {
            ScenarioLoader.load(f, List.of(sets));
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems for:\n" + yaml);
    }

    private Scenario load(String yaml, String... sets) throws Exception {
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, yaml);
        return ScenarioLoader.load(f, List.of(sets));
    }

    private static Problem at(List<Problem> ps, String path) {
        return ps.stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + ps));
    }

    /** A VM name made twice is refused in every order and across tenants, naming both declarations. */
    @Test
    void aVmNameMadeTwiceIsRefusedWhicheverComesFirst() throws Exception {
        String head = "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: v1, rateMbps: 100}]}\n";         // 5
        String group = "      v: {count: 2, host: h1}\n";
        String single = "      v1: {host: h3}\n";
        // The group first (line 6), then v1 (line 7): was accepted, with two VMs named v1.
        Problem p = at(problems(head + group + single), "tenants.t1.vms.v1");
        assertThat(p.loc().line()).isEqualTo(7);
        assertThat(p.loc().file()).endsWith("s.yaml");
        assertThat(p.message()).contains("'v1'", "tenants.t1.vms.v (count: 2) (line 6)", "unique");
        // The other order was refused already; it names the other line now too.
        p = at(problems(head + single + group), "tenants.t1.vms.v");
        assertThat(p.loc().line()).isEqualTo(7);
        assertThat(p.message()).contains("'v1'", "count: 2", "tenants.t1.vms.v1 (line 6)");
        // Across tenants, both orders.
        String cross = head + "      r: {host: h2}\n" + group + "  t2:\n    vms:\n      v0: {host: h3}\n";
        p = at(problems(cross), "tenants.t2.vms.v0");
        assertThat(p.loc().line()).isEqualTo(10);
        assertThat(p.message()).contains("'v0'", "tenants.t1.vms.v (count: 2) (line 7)");
        String cross2 = head + "      r: {host: h2}\n      v0: {host: h3}\n  t2:\n    vms:\n" + group;
        p = at(problems(cross2), "tenants.t2.vms.v");
        assertThat(p.message()).contains("'v0'", "tenants.t1.vms.v0 (line 7)");
        // A group name used in two tenants.
        p = at(problems(head + "      r: {host: h2}\n  t2:\n    vms:\n      r: {host: h3}\n"), "tenants.t2.vms.r");
        assertThat(p.message()).contains("'r'", "tenants.t1.vms.r (line 6)");
        // Only one error for a group whose every name collides.
        assertThat(problems(head + "      r: {host: h2}\n" + group + "  t2:\n    vms:\n" + group))
                .filteredOn(x -> x.path().equals("tenants.t2.vms.v")).hasSize(1);
    }

    /**
     * A group name equal to another group's VM name, or to a group name in another tenant, resolved references
     * silently to one of them: group v (count 2) makes v0, and 'to: v0' went to a group v0's VMs; group v (count 2)
     * in t1 and a single VM v in t2, and 'to: v' went to the single VM. Refused, naming both declarations.
     */
    @Test
    void aGroupNameThatIsAnotherGroupsOrVmsNameIsRefused() throws Exception {
        String head = "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      s: {host: h0, traffic: [{type: udp, to: v0, rateMbps: 100}]}\n";          // 5
        String group = "      v: {count: 2, host: h1}\n";
        String named = "      v0: {count: 2, host: h2}\n";
        // Group v0 after group v (line 7), and before it (line 6).
        Problem p = at(problems(head + group + named), "tenants.t1.vms.v0");
        assertThat(p.loc().line()).isEqualTo(7);
        assertThat(p.loc().file()).endsWith("s.yaml");
        assertThat(p.message()).contains("group name 'v0'", "tenants.t1.vms.v (count: 2) (line 6)", "VM name");
        p = at(problems(head + named + group), "tenants.t1.vms.v0");
        assertThat(p.loc().line()).isEqualTo(6);
        assertThat(p.message()).contains("tenants.t1.vms.v (count: 2) (line 7)");
        // The same group name in two tenants (one a group of 2, one a single VM), both orders.
        String t2 = "  t2:\n    vms:\n      v: {host: h3}\n";
        p = at(problems(head + group + t2), "tenants.t2.vms.v");
        assertThat(p.loc().line()).isEqualTo(9);
        assertThat(p.message()).contains("group name 'v'", "tenants.t1.vms.v (line 6)", "unique");
        String t2group = "  t2:\n    vms:\n      v: {count: 2, host: h3}\n";
        p = at(problems(head + "      v: {host: h1}\n" + t2group), "tenants.t2.vms.v");
        assertThat(p.message()).contains("group name 'v'", "tenants.t1.vms.v (line 6)");
        // A single VM's own name is its group's: still valid, as are distinct names.
        assertThat(load(head + "      v0: {host: h1}\n      w: {count: 2, host: h2}\n").vms()).hasSize(4);
    }

    /**
     * rateMbps: {t1: 6} and rateMbps.t1: 5 are one parameter: the later won silently, and --set
     * schemeParams.ratelimit.rateMbps.t1=50 went into the nested spelling and was overridden by the dotted one.
     */
    @Test
    void aSchemeParameterGivenTwiceIsRefusedAndSetReplacesTheOneSpellingGiven() throws Exception {
        String head = "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r}]}\n      r: {host: h2}\n"     // 5, 6
                + "scheme: ratelimit\nschemeParams:\n";                                         // 7, 8
        Problem p = at(problems(head + "  ratelimit: {rateMbps: {t1: 6}, rateMbps.t1: 5}\n"),
                "schemeParams.ratelimit.rateMbps.t1");
        assertThat(p.loc().line()).isEqualTo(9);
        assertThat(p.loc().column()).isEqualTo(47);
        assertThat(p.message()).contains("given twice", "line 9, column 30", "give it once");
        p = at(problems(head + "  ratelimit:\n    rateMbps.t1: 5\n    rateMbps:\n      t1: 6\n"),
                "schemeParams.ratelimit.rateMbps.t1");
        assertThat(p.loc().line()).isEqualTo(12);
        assertThat(p.message()).contains("line 10, column 18");
        // One spelling in the file: --set replaces it, whichever it is.
        for (String given : new String[] {"  ratelimit: {rateMbps.t1: 5}\n", "  ratelimit: {rateMbps: {t1: 5}}\n"}) {
            Scenario sc = load(head + given, "schemeParams.ratelimit.rateMbps.t1=50");
            assertThat(sc.schemeParams().get("ratelimit")).as(given).containsEntry("rateMbps.t1", "50").hasSize(1);
            // A whole mapping set over either spelling replaces it (over the dotted one it read as given twice).
            Scenario whole = load(head + given, "schemeParams.ratelimit.rateMbps={t1: 70}");
            assertThat(whole.schemeParams().get("ratelimit")).as(given).containsEntry("rateMbps.t1", "70")
                    .hasSize(1);
        }
    }

    /** compare: [tcp, tcp] ran tcp twice; --schemes tcp,tcp was refused. */
    @Test
    void aSchemeListedTwiceInCompareIsRefused() throws Exception {
        String head = "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r}]}\n      r: {host: h2}\n";
        Problem p = at(problems(head + "compare: [tcp, seawall, tcp]\n"), "compare");
        assertThat(p.loc().line()).isEqualTo(7);
        assertThat(p.loc().column()).isEqualTo(25);
        assertThat(p.message()).contains("'tcp' twice", "line 7, column 11", "at most once");
        p = at(problems(head + "compare:\n  - drr\n  - drr\n"), "compare");
        assertThat(p.loc().line()).isEqualTo(9);
        assertThat(p.message()).contains("'drr' twice", "line 8");
        assertThat(load(head + "scheme: tcp\ncompare: [tcp, seawall]\n").compare()).containsExactly("tcp", "seawall");
    }

    /** The YAML reader's internals stayed in its messages: SnakeYAML's event classes, Jackson's API and no line. */
    @Test
    void malformedYamlIsSaidInTheFilesTermsWithItsLine() throws Exception {
        Problem p = problems("topology: {builder: star}\ntenants:\n  t1: {vms: {a: {}}}\n  ? [complex, key]\n  : 3\n")
                .get(0);
        assertThat(p.loc().line()).isEqualTo(4);
        assertThat(p.message()).contains("expected a key (a plain name), got a list", "name: value")
                .doesNotContain("org.", "Event", "<");
        p = problems("topology: {builder: star}\ntenants: {t1: {vms: {a: {}}}}\ndescription: "
                + "[".repeat(5000) + "]".repeat(5000) + "\n").get(0);
        assertThat(p.loc().line()).isEqualTo(3);
        assertThat(p.message()).contains("nested more than 1000 deep").doesNotContain("StreamReadConstraints", "`");
    }

    /**
     * An empty value quietly meant the default (durationS: -> 10 s, count: -> 1, seed: null -> 1, schemeParams:
     * {seawall: } -> none), while tenants: and to: were refused and the JSON schema refuses null everywhere.
     */
    @Test
    void anEmptyValueIsRefusedNotTakenAsTheDefault() throws Exception {
        List<Problem> ps = problems("topology: {builder: dumbbell, hosts: 2, rateGbps: , bufferBytes: ~}\n"
                + "tenants:\n  t1:\n    weight:\n    vms:\n"
                + "      a: {host: h0, count: , traffic: [{type: udp, to: r, rateMbps: }]}\n      r: {host: h2}\n"
                + "durationS:\nseed: null\ntimeline:\nschemeParams: {seawall: }\n");
        Problem p = at(ps, "durationS");
        assertThat(p.loc().line()).isEqualTo(8);
        assertThat(p.message()).contains("expected a number", "got an empty value", "leave the key out for the "
                + "default (10.0)");
        assertThat(at(ps, "topology.rateGbps").loc().column()).isEqualTo(50);
        assertThat(at(ps, "topology.bufferBytes").message()).contains("expected an integer >= 1538", "empty value");
        assertThat(at(ps, "tenants.t1.weight").loc().line()).isEqualTo(4);
        assertThat(at(ps, "tenants.t1.vms.a.count").message()).contains("in [1, 100000]", "default (1)");
        assertThat(at(ps, "tenants.t1.vms.a.traffic[0].rateMbps").loc().line()).isEqualTo(6);
        assertThat(at(ps, "seed").loc().line()).isEqualTo(9);
        // The default as describe writes it ([]; it said "default (none)").
        assertThat(at(ps, "timeline").message()).contains("expected a list", "default ([])");
        assertThat(at(ps, "schemeParams.seawall").loc().line()).isEqualTo(11);
        assertThat(ps).hasSize(9);
        // A required field left empty says so in the same words (it said "got null").
        Problem atS = at(problems("topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r}]}\n      r: {host: h2}\n"
                + "timeline:\n  - {atS: , action: stop}\n"), "timeline[0].atS");
        assertThat(atS.loc().line()).isEqualTo(8);
        assertThat(atS.message()).contains("expected a number", "got an empty value (null): give a value (it is "
                + "required)").doesNotContain("leave the key out");
    }

    /** hosts: 0x0A (YAML's hex for 10) said "got 0x0A (too large: at most 100000)", though 10 is in range. */
    @Test
    void hexOctalAndBinaryIntegersAreRefusedForWhatTheyAre() throws Exception {
        String tenants = "tenants:\n  t1:\n    vms:\n      a: {host: h0, traffic: [{type: udp, to: r}]}\n"
                + "      r: {host: h1}\n";
        Problem p = at(problems("topology: {builder: star, hosts: 0x0A}\n" + tenants), "topology.hosts");
        assertThat(p.loc().line()).isEqualTo(1);
        assertThat(p.message()).contains("expected an integer in [1, 100000], got 0x0A", "hex, octal and binary",
                "decimal digits").doesNotContain("too large");
        assertThat(at(problems("topology: {builder: star, hosts: 4, rateGbps: 0x1}\n" + tenants), "topology.rateGbps")
                .message()).contains("decimal digits");
        // Decimal overflow still says which bound.
        assertThat(at(problems("topology: {builder: star, hosts: 99999999999999999999}\n" + tenants),
                "topology.hosts").message()).contains("too large: at most 100000");
    }

    /** tieSeed: 1e30-like integers said "expected an integer >= -9223372036854775808 (too large)", no upper bound. */
    @Test
    void aSeedOutOfRangeSaysBothBounds() throws Exception {
        String head = "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r}]}\n      r: {host: h2}\n";
        Problem p = at(problems(head + "tieSeed: 9223372036854775808\n"), "tieSeed");
        assertThat(p.message()).contains("an integer from -9223372036854775808 to 9223372036854775807",
                "too large: at most 9223372036854775807");
        p = at(problems(head + "seed: -9223372036854775809\n"), "seed");
        assertThat(p.message()).contains("too small: at least -9223372036854775808");
    }

    /**
     * A refused value is reported once: the checks that relate it to other fields used the default standing in for
     * it ('builder: Dumbbell' refused, then "the star topology has hosts h0..h1"; bufferBytes 1537 refused, then the
     * ECN threshold "below ... 150000 bytes"; durationS 0x10 refused, then "shorter than durationS (10.0 s)"). And a
     * warm-up too long for durationS, by default, pointed at 1:1.
     */
    @Test
    void aRefusedValueBringsNoFollowOnErrorsAndADefaultedWarmUpPointsAtDuration() throws Exception {
        String vms = "tenants:\n  t1:\n    vms:\n      a: {host: h2, traffic: [{type: udp, to: r}]}\n"
                + "      r: {host: h3}\n";
        List<Problem> ps = problems("topology: {builder: Dumbbell, hosts: 2}\n" + vms);
        assertThat(ps).extracting(Problem::path).containsExactly("topology.builder");
        ps = problems("topology: {builder: dumbbell, hosts: 2, bufferBytes: 1537, ecnThresholdBytes: 60000}\n" + vms);
        assertThat(ps).extracting(Problem::path).containsExactly("topology.bufferBytes");
        // ecnThresholdBytes refused: nonEctAboveThreshold's check is not made against the 0 standing in for it.
        ps = problems("topology: {builder: dumbbell, hosts: 2, ecnThresholdBytes: abc, nonEctAboveThreshold: drop}\n"
                + vms);
        assertThat(ps).extracting(Problem::path).containsExactly("topology.ecnThresholdBytes");
        // A refused count leaves its VMs' names unknown: a reference to a0 is not an unknown VM on top.
        ps = problems("topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {count: x, host: h2, traffic: [{type: udp, to: r}]}\n      r: {host: h3, traffic: "
                + "[{type: udp, to: a0}]}\n");
        assertThat(ps).extracting(Problem::path).containsExactly("tenants.t1.vms.a.count");
        ps = problems("topology: {builder: dumbbell, hosts: 2}\n" + vms + "durationS: 0x10\nwarmupS: 12\n"
                + "timeline:\n  - {atS: 11, action: stop, vm: a}\n");
        assertThat(ps).extracting(Problem::path).containsExactly("durationS");
        // Still checked when durationS is valid.
        assertThat(problems("topology: {builder: dumbbell, hosts: 2}\n" + vms + "durationS: 5\nwarmupS: 12\n"))
                .extracting(Problem::path).containsExactly("warmupS");
        Problem p = at(problems("topology: {builder: star, hosts: 4}\n" + vms + "durationS: 0.5\n"), "warmupS");
        assertThat(p.loc().line()).isEqualTo(7);
        assertThat(p.message()).contains("warm-up (1.0 s, the default) must be shorter than durationS (0.5 s)",
                "give a warmupS below it");
    }

    /**
     * seed 9223372036854775807 with repetitions 2 ran its second repetition with seed -9223372036854775808 in a
     * sweep; run and compare run one repetition, with the seed itself, so only the commands that run them all check.
     */
    @Test
    void seedsOfRepetitionsMustNotWrapAround() throws Exception {
        String head = "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r}]}\n      r: {host: h2}\n";
        Problem p = at(everyRepetition(head + "seed: 9223372036854775807\nrepetitions: 2\n"), "seed");
        assertThat(p.loc().line()).isEqualTo(7);
        assertThat(p.loc().file()).endsWith("s.yaml");
        assertThat(p.message()).contains("repetitions: 2", "use a seed <= 9223372036854775806");
        // From the command line too, naming the setting, and at the edge it fits.
        Problem set = at(everyRepetition(head + "repetitions: 3\n", "seed=9223372036854775806"), "seed");
        assertThat(set.loc().toString()).isEqualTo("--set seed=9223372036854775806");
        assertThat(set.message()).contains("<= 9223372036854775805");
        assertThat(load(head + "seed: 9223372036854775806\nrepetitions: 2\n").seed()).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(load(head + "seed: 9223372036854775807\n").seed()).isEqualTo(Long.MAX_VALUE);
        // A single run (run, compare) uses the seed itself: valid whatever the repetitions.
        assertThat(load(head + "seed: 9223372036854775807\nrepetitions: 2\n").seed()).isEqualTo(Long.MAX_VALUE);
        assertThat(load(head + "repetitions: 2\n", "seed=9223372036854775807").seed()).isEqualTo(Long.MAX_VALUE);
    }

    private List<Problem> everyRepetition(String yaml, String... sets) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        try {
            ScenarioLoader.open(f, List.of(sets)).runningEveryRepetition().scenario(java.util.Map.of());
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems for:\n" + yaml);
    }

    /**
     * YAML 1.1's yes/no/on/off: 'active: off' and 'sack: yes' were accepted in the body, and read as false both
     * (Boolean.parseBoolean("yes") is false: 'sack: yes' turned SACK off), while 'detection: yes' was refused in
     * schemeParams. One rule now: true or false (any case), everywhere.
     */
    @Test
    void booleansAreTrueOrFalseEverywhere() throws Exception {
        String head = "topology: {builder: dumbbell, hosts: 2}\ntenants:\n  t1:\n    vms:\n";
        List<Problem> ps = problems(head + "      a: {host: h0, active: off, traffic: [{type: bulk, to: r, sack: yes}]}\n"
                + "      r: {host: h2}\nscheme: seawall\nschemeParams: {seawall: {detection: yes, "
                + "coupleAtOwnReport: on}}\n");
        assertThat(at(ps, "tenants.t1.vms.a.active").message()).contains("expected true or false, got off",
                "write true or false");
        assertThat(at(ps, "tenants.t1.vms.a.traffic[0].sack").loc().line()).isEqualTo(5);
        assertThat(at(ps, "schemeParams.seawall.detection").loc().line()).isEqualTo(8);
        assertThat(at(ps, "schemeParams.seawall.coupleAtOwnReport").message()).contains("on");
        Scenario sc = load(head + "      a: {host: h0, active: True, traffic: [{type: bulk, to: r, sack: FALSE}]}\n"
                + "      r: {host: h2}\nscheme: seawall\nschemeParams: {seawall: {detection: False}}\n");
        assertThat(sc.vms().get(0).active()).isTrue();
        assertThat(sc.vms().get(0).traffic().get(0).sack()).isFalse();
        assertThat(sc.schemeParams().get("seawall")).containsEntry("detection", "false");
        // Quoted, as schemeParams takes them: 'active: "true"' was refused ('expected true or false, got "true"').
        Scenario quoted = load(head + "      a: {host: h0, active: \"TRUE\", traffic: [{type: bulk, to: r, "
                + "sack: 'false'}]}\n      r: {host: h2, active: \"false\"}\nscheme: seawall\n"
                + "schemeParams: {seawall: {detection: \"false\"}}\n");
        assertThat(quoted.vms().get(0).active()).isTrue();
        assertThat(quoted.vms().get(0).traffic().get(0).sack()).isFalse();
        assertThat(quoted.vms().get(1).active()).isFalse();
        assertThat(quoted.schemeParams().get("seawall")).containsEntry("detection", "false");
        // Quoted yes/on stay refused, in both.
        List<Problem> q = problems(head + "      a: {host: h0, active: \"yes\", traffic: [{type: bulk, to: r}]}\n"
                + "      r: {host: h2}\nscheme: seawall\nschemeParams: {seawall: {detection: \"on\"}}\n");
        assertThat(at(q, "tenants.t1.vms.a.active").message()).contains("expected true or false");
        assertThat(at(q, "tenants.t1.vms.a.active").loc().line()).isEqualTo(5);
        assertThat(at(q, "schemeParams.seawall.detection").loc().line()).isEqualTo(8);
    }

    /**
     * Fields that do not apply were accepted and ignored, as 'weight' on 'leave' no longer is: 'vm' on compromise,
     * 'host'/'mode' on stop, 'cdfFile'/'shape'/'sigma' with a fixed size, 'placement' with a shaper, 'range' on a VM
     * expectation, 'racks'/'k' on a star.
     */
    @Test
    void fieldsThatDoNotApplyAreRefused() throws Exception {
        List<Problem> ps = problems("topology: {builder: star, hosts: 4, racks: 8, k: 6}\n"                  // 1
                + "tenants:\n  t1:\n    vms:\n"                                                             // 2-4
                + "      a: {host: h0, traffic: [{type: flows, to: r, size: {distribution: fixed, cdfFile: x.cdf, "
                + "shape: 2, sigma: 3}}]}\n"                                                                   // 5
                + "      r: {host: h2}\n"                                                                     // 6
                + "timeline:\n  - {atS: 0.1, action: compromise, host: h0, vm: a}\n"                         // 7-8
                + "  - {atS: 0.1, action: stop, vm: a, host: h0, mode: disabledPort}\n"                       // 9
                + "expect:\n  - {vm: a, goodputMbps: [1, 2], range: [0, 1]}\n"                                // 10-11
                + "  - {metric: utilization, range: [0, 1], share: [0, 1]}\n"                                  // 12
                + "scheme: ratelimit\nschemeParams: {ratelimit: {mode: shaper, placement: ingress}}\n");      // 13-14
        assertThat(at(ps, "topology.racks").message()).isEqualTo("'racks' only applies to builders tree and "
                + "parkinglot");
        assertThat(at(ps, "topology.k").loc().line()).isEqualTo(1);
        String size = "tenants.t1.vms.a.traffic[0].size.";
        assertThat(at(ps, size + "cdfFile").message()).contains("only applies to distribution 'cdf'");
        assertThat(at(ps, size + "shape").message()).contains("distribution 'pareto'");
        assertThat(at(ps, size + "sigma").message()).contains("distribution 'lognormal'");
        assertThat(at(ps, "timeline[0].vm").loc().line()).isEqualTo(8);
        assertThat(at(ps, "timeline[1].host").message()).contains("only applies to action 'compromise'");
        assertThat(at(ps, "timeline[1].mode").loc().line()).isEqualTo(9);
        assertThat(at(ps, "expect[0].range").message()).contains("only applies to a 'metric' expectation");
        assertThat(at(ps, "expect[1].share").loc().line()).isEqualTo(12);
        assertThat(at(ps, "schemeParams.ratelimit.placement").message()).contains("only applies to mode 'policer'");
        assertThat(ps).hasSize(11);
        // Where they apply, they load.
        load("topology: {builder: tree, racks: 2, hostsPerRack: 2}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: flows, to: r, size: {distribution: pareto, shape: 2}}]}\n"
                + "      r: {host: h2}\ntimeline:\n  - {atS: 0.1, action: compromise, host: h0, mode: disabledPort}\n"
                + "scheme: ratelimit\nschemeParams: {ratelimit: {mode: policer, placement: ingress}}\n");
    }

    /**
     * More that was accepted and ignored: meanBytes beside a cdf (its file gives the sizes), coreRateGbps on a star
     * (no switch-to-switch link), ecn: false beside variant dctcp (which always uses ECN), and a sweep axis naming a
     * value twice ([tcp,seawall,tcp] ran 6 runs for 2 schemes).
     */
    @Test
    void moreFieldsThatDoNotApplyAreRefused() throws Exception {
        Files.writeString(dir.resolve("sizes.cdf"), "1000 0.5\n100000 1.0\n");
        List<Problem> ps = problems("topology: {builder: star, hosts: 4, coreRateGbps: 10, ecnThresholdBytes: 30000}\n"
                + "tenants:\n  t1:\n    vms:\n"                                                              // 2-4
                + "      a: {host: h0, traffic: [{type: flows, to: r, size: {distribution: cdf, cdfFile: sizes.cdf, "
                + "meanBytes: 5000}}]}\n"                                                                     // 5
                + "      b: {host: h1, traffic: [{type: bulk, to: r, variant: dctcp, ecn: false}]}\n"          // 6
                + "      r: {host: h2}\nscheme: [tcp, seawall, tcp]\n");                                      // 7-8
        assertThat(at(ps, "topology.coreRateGbps").message()).contains("only applies to builders with "
                + "switch-to-switch links");
        assertThat(at(ps, "topology.coreRateGbps").loc().line()).isEqualTo(1);
        Problem mean = at(ps, "tenants.t1.vms.a.traffic[0].size.meanBytes");
        assertThat(mean.loc().line()).isEqualTo(5);
        assertThat(mean.message()).contains("only applies to distributions other than 'cdf'");
        Problem ecn = at(ps, "tenants.t1.vms.b.traffic[0].ecn");
        assertThat(ecn.loc().line()).isEqualTo(6);
        assertThat(ecn.message()).contains("dctcp always uses ECN", "remove ecn");
        Problem twice = at(ps, "scheme[2]");
        assertThat(twice.loc().line()).isEqualTo(8);
        assertThat(twice.loc().file()).endsWith("s.yaml");
        assertThat(twice.message()).contains("gives tcp twice (items 0 and 2", "give each value once");
        assertThat(ps).hasSize(4);
        // From the command line too.
        String ok = "topology: {builder: dumbbell, hosts: 2, coreRateGbps: 10, ecnThresholdBytes: 30000}\n"
                + "tenants:\n  t1:\n    vms:\n      a: {host: h0, traffic: [{type: bulk, to: r, variant: dctcp, "
                + "ecn: true}, {type: flows, to: r, size: {distribution: cdf, cdfFile: sizes.cdf}}, "
                + "{type: flows, to: r, size: {meanBytes: 5000}}]}\n      r: {host: h2}\n";
        assertThat(at(problems(ok, "scheme=[tcp,seawall,tcp]"), "scheme[2]").loc().toString())
                .isEqualTo("--set scheme=[tcp,seawall,tcp]");
        assertThat(at(problems(ok, "topology.delayUs=[5, 5.0]"), "topology.delayUs[1]").message())
                .contains("twice");
        // Where they apply, they load.
        assertThat(load(ok, "scheme=[tcp,seawall]").axes()).hasSize(1);
    }

    /**
     * The scheme reads its feedback mode whatever the case, so 'feedback: ECN' without marking switches ran
     * loss-driven Seawall with ECN's constants (fingerprint equal to that, light VM 271.6 Mb/s for an ideal of 239.3)
     * while only the lower-case spelling was refused; every spelling is refused now, in the file, in --set and at a
     * sweep point, and a marking topology still takes them. A shaper's mode likewise: 'mode: Shaper' with
     * 'placement' was accepted and ignored, with 'shaperQueueBytes' refused as a policer's.
     */
    @Test
    void modesAreCheckedAsTheSchemeReadsThemWhateverTheCase() throws Exception {
        String head = "topology: {builder: star, hosts: 4}\n" + TENANTS + "scheme: seawall\n";
        for (String mode : new String[] {"ecn", "ECN", "Ecn", "ECN-BOTTLENECK", "Ecn-Bottleneck"}) {
            Problem p = at(problems(head + "schemeParams: {seawall: {feedback: " + mode + "}}\n"),
                    "schemeParams.seawall.feedback");
            assertThat(p.message()).as(mode).startsWith("feedback '" + mode + "' needs switches that mark ECN");
            assertThat(p.loc().line()).as(mode).isEqualTo(8);
            assertThat(at(problems(head, "schemeParams.seawall.feedback=" + mode), "schemeParams.seawall.feedback")
                    .loc().file()).as(mode).isEqualTo("--set schemeParams.seawall.feedback=" + mode);
            assertThat(load(head.replace("hosts: 4", "hosts: 4, ecnThresholdBytes: 60000"), "schemeParams.seawall"
                    + ".feedback=" + mode).schemeParams().get("seawall").get("feedback")).isEqualTo(mode);
        }
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, head + "schemeParams: {seawall: {feedback: [loss, ECN]}}\n");
        assertThatThrownBy(() -> org.seawallsim.scenario.run.Sweep.expand(f, List.of()))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("sweep point schemeParams.seawall"
                        + ".feedback=ECN").hasMessageContaining("needs switches that mark ECN");

        String rl = "topology: {builder: star, hosts: 4}\n" + TENANTS + "scheme: ratelimit\n";
        for (String mode : new String[] {"shaper", "Shaper", "SHAPER"}) {
            assertThat(at(problems(rl + "schemeParams: {ratelimit: {mode: " + mode + ", placement: ingress}}\n"),
                    "schemeParams.ratelimit.placement").message()).as(mode).contains("only applies to mode 'policer'");
            assertThat(load(rl + "schemeParams: {ratelimit: {mode: " + mode + ", shaperQueueBytes: 100000}}\n")
                    .schemeParams().get("ratelimit")).as(mode).containsEntry("shaperQueueBytes", "100000");
        }
    }

    private static final String TENANTS = "tenants:\n  t1:\n    vms:\n      a: {host: h0, traffic: [{type: udp, to: r}]}\n"
            + "      r: {host: h1}\n";

    /**
     * Integers are read in decimal digits, leading zeros included: hosts: 010 ran 10 hosts but 08, 09 and 019 were
     * refused as text ('got "08"', no reason), because YAML 1.1 reads 010 as octal and leaves 08 as a string. YAML
     * 1.2, which editors use, reads all of them in decimal too. Quoted digits stay text, and YAML 1.2's octal 0o17
     * gets the hint hex and binary get.
     */
    @Test
    void integersWithLeadingZerosAreReadInDecimal() throws Exception {
        for (String[] c : new String[][] {{"08", "8"}, {"09", "9"}, {"019", "19"}, {"010", "10"}, {"+08", "8"}}) {
            assertThat(load("topology: {builder: star, hosts: " + c[0] + "}\n" + TENANTS).topology().hosts())
                    .as(c[0]).isEqualTo(Integer.parseInt(c[1]));
        }
        assertThat(load("topology: {builder: star, hosts: 4}\nseed: 019\n" + TENANTS).seed()).isEqualTo(19);
        assertThat(load("topology: {builder: star, hosts: 4}\n" + TENANTS, "seed=08").seed()).isEqualTo(8);
        assertThat(load("topology: {builder: star, hosts: 4}\n" + TENANTS, "seed=010").seed()).isEqualTo(10);
        // In a number field as well: 08 Gbit/s.
        assertThat(load("topology: {builder: star, hosts: 4, rateGbps: 08}\n" + TENANTS).topology().rateGbps())
                .isEqualTo(8.0);
        assertThat(at(problems("topology: {builder: star, hosts: \"08\"}\n" + TENANTS), "topology.hosts").message())
                .contains("got \"08\"");
        Problem p = at(problems("topology: {builder: star, hosts: 4}\nseed: 0o17\n" + TENANTS), "seed");
        assertThat(p.loc().line()).isEqualTo(2);
        assertThat(p.message()).contains("got 0o17", "hex, octal and binary", "decimal digits");
        assertThat(at(problems("topology: {builder: star, hosts: 4}\n" + TENANTS, "seed=0o17"), "seed").message())
                .contains("decimal digits");
    }

    /**
     * An integer written as a float with no fractional part is that integer (1e6, 1000000.0, -0.0), as JSON Schema
     * and so an editor have it; the loader refused "expected an integer >= 1538 ..., got 1000000.0". A fraction is
     * still refused, and is said to be one.
     */
    @Test
    void integralFloatsAreIntegers() throws Exception {
        String topo = "topology: {builder: star, hosts: 4, bufferBytes: %s}\n";
        assertThat(load(topo.formatted("1e6") + TENANTS).topology().bufferBytes()).isEqualTo(1_000_000L);
        assertThat(load(topo.formatted("1000000.0") + TENANTS).topology().bufferBytes()).isEqualTo(1_000_000L);
        assertThat(load(topo.formatted("1.5e5") + TENANTS).topology().bufferBytes()).isEqualTo(150_000L);
        assertThat(load("topology: {builder: star, hosts: 4}\nseed: -0.0\n" + TENANTS).seed()).isZero();
        assertThat(load("topology: {builder: star, hosts: 4}\n" + TENANTS, "seed=1e6").seed()).isEqualTo(1_000_000L);
        assertThat(at(problems(topo.formatted("150000.5") + TENANTS), "topology.bufferBytes").message())
                .contains("got 150000.5 (not a whole number)");
        assertThat(at(problems(topo.formatted("1e3") + TENANTS), "topology.bufferBytes").message())
                .contains("expected an integer >= 1538", "got 1e3");
        assertThat(at(problems("topology: {builder: star, hosts: 4}\nseed: 1e30\n" + TENANTS), "seed").message())
                .contains("too large: at most 9223372036854775807");
        // 9007199254740993 is not a double: read exactly, not rounded to ...992.
        assertThat(load("topology: {builder: star, hosts: 4}\nseed: 9007199254740993.0\n" + TENANTS).seed())
                .isEqualTo(9007199254740993L);
    }

    /**
     * A refused value in an expect: item brought a second error for the same mistake ("a VM or tenant expectation
     * needs 'share', ..." beside "share[1]: expected a number"), and the value errors said "a number >=
     * -1.7976931348623157E308" and "got 1 items". One error per mistake, in plain words.
     */
    @Test
    void aRefusedExpectationValueBringsNoFollowOnError() throws Exception {
        String head = "topology: {builder: star, hosts: 4}\n" + TENANTS + "expect:\n";
        List<Problem> ps = problems(head + "  - {vm: a, share: [0.1, abc]}\n  - {vm: a, goodputMbps: [1]}\n"
                + "  - {metric: utilization, range: [0, x]}\n  - {vm: a, ratioToIdeal: 5}\n");
        assertThat(ps).extracting(Problem::path).containsExactly("expect[0].share[1]", "expect[1].goodputMbps",
                "expect[2].range[1]", "expect[3].ratioToIdeal");
        assertThat(ps.get(0).message()).isEqualTo("expected a number, got \"abc\"");
        assertThat(ps.get(1).message()).isEqualTo("expected a list of exactly 2 items (a number), got 1 item");
        // A missing range or share is still reported.
        ps = problems(head + "  - {vm: a}\n  - {metric: utilization}\n");
        assertThat(ps).extracting(Problem::path).containsExactly("expect[0]", "expect[1].range");
    }
}
