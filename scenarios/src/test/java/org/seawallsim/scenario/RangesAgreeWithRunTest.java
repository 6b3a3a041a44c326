package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Binder;
import org.seawallsim.scenario.model.Field;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioFormat;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.model.Type;
import org.seawallsim.scenario.run.Runner;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;

/**
 * The ranges the format documents (describe, the JSON Schema, error messages) are the ranges the run can take: every
 * time, delay and rate key is bounded, its bounds convert to picoseconds and bit/s without overflow or rounding to
 * zero, the binder enforces exactly them, and runs at the bounds complete.
 */
class RangesAgreeWithRunTest {
    private record Key(String path, Field field) {
    }

    private static void collect(Type t, String path, List<Key> out) {
        if (t instanceof Type.Obj o) {
            for (Field f : o.fields()) {
                String p = path.isEmpty() ? f.name() : path + "." + f.name();
                if (f.type() instanceof Type.Num) {
                    out.add(new Key(p, f));
                }
                collect(f.type(), p, out);
            }
        } else if (t instanceof Type.ListOf l) {
            collect(l.item(), path + "[]", out);
        } else if (t instanceof Type.MapOf m) {
            collect(m.value(), path + ".<name>", out);
        } else if (t instanceof Type.Union u) {
            for (Map.Entry<String, Type.Obj> e : u.variants().entrySet()) {
                collect(e.getValue(), path + "(" + e.getKey() + ")", out);
            }
        }
    }

    private static List<Key> numericKeys() {
        List<Key> keys = new ArrayList<>();
        collect(ScenarioFormat.SCENARIO, "", keys);
        return keys;
    }

    private static int problems(Type t, double v) {
        Binder b = new Binder();
        b.bind(new YNode.Scalar(Double.toString(v), YNode.Kind.FLOAT, new Loc("t", 1, 1)), t, "k");
        return b.problems().size();
    }

    @Test
    void everyTimeDelayAndRateKeyHasARepresentableRange() {
        List<Key> keys = numericKeys();
        int times = 0;
        int rates = 0;
        for (Key k : keys) {
            Type.Num n = (Type.Num) k.field().type();
            String unit = k.field().unit();
            if (unit.equals("s") || unit.equals("us") || unit.equals("ns")) {
                times++;
                double perS = unit.equals("s") ? 1 : unit.equals("us") ? 1e6 : 1e9;
                double maxS = n.max() / perS;
                assertThat(maxS).as(k.path()).isLessThanOrEqualTo(ScenarioFormat.MAX_TIME_S);
                // The longest time plus the longest delay still fits the clock: no sum in a run can wrap.
                assertThat(Time.ofSeconds(ScenarioFormat.MAX_TIME_S) + Time.ofMicros(1e9) * 8).isPositive();
                double minS = n.min() / perS;
                if (!n.minExclusive() && minS > 0) {
                    assertThat(Time.ofSeconds(minS)).as(k.path() + " minimum in ps").isGreaterThanOrEqualTo(1);
                }
                assertThat(n.minExclusive() && n.min() == 0).as(k.path() + ": > 0 would admit times that round "
                        + "to 0 ps").isFalse();
            }
            if (unit.equals("Gbit/s") || unit.equals("Mbit/s")) {
                rates++;
                double scale = unit.equals("Gbit/s") ? 1e9 : 1e6;
                long maxBps = Math.round(n.max() * scale);
                assertThat((double) maxBps).as(k.path()).isEqualTo(ScenarioFormat.MAX_RATE_BPS);
                assertThat(Time.serializationPs(1, maxBps)).as(k.path() + ": a byte at the top rate").isEqualTo(1);
                assertThat(Time.serializationPs(9038, maxBps)).isEqualTo(9038);
                if (n.min() > 0) {
                    assertThat(Math.round(n.min() * scale)).as(k.path() + " minimum in bit/s").isPositive();
                }
            }
            // The binder enforces the documented bounds, no tighter, no looser.
            assertThat(problems(n, n.max())).as(k.path() + " at its maximum").isZero();
            assertThat(problems(n, Math.nextUp(n.max()) * (1 + 1e-9))).as(k.path() + " above").isEqualTo(1);
            if (n.min() > -Double.MAX_VALUE) {
                assertThat(problems(n, n.min())).as(k.path() + " at its minimum").isEqualTo(n.minExclusive() ? 1 : 0);
                assertThat(problems(n, n.min() - Math.max(1e-15, Math.abs(n.min()) * 1e-6))).isEqualTo(1);
            }
            assertThat(n.allowed()).as("the message states the range").contains("<=");
        }
        assertThat(times).as("time keys found").isGreaterThanOrEqualTo(10);
        assertThat(rates).as("rate keys found").isEqualTo(4);
    }

    /** Values at the documented edges that validate must also run (short runs, so each takes well under a second). */
    @ParameterizedTest
    @ValueSource(strings = {"topology.rateGbps=8000", "topology.coreRateGbps=8000", "topology.delayUs=1e9", "topology.delayUs=0",
            "tenants.attacker.vms.a.traffic[0].rateMbps=1e-6", "sampleIntervalS=1e-5", "warmupS=0",
            "tenants.victim.vms.v.weight=1e-6", "tenants.victim.vms.v.weight=1e6"})
    void edgeValuesThatValidateAlsoRun(String set) throws Exception {
        List<String> sets = List.of("durationS=0.01", "warmupS=0.002", "sampleIntervalS=0.001", set);
        Scenario sc = ScenarioLoader.load(Path.of("library/udp-flood.yaml"), sets);
        assertThatCode(() -> Runner.run(sc, null)).as(set).doesNotThrowAnyException();
    }

    /** The slowest links every scheme can take (their rate controllers have floors of 1-5 Mb/s). */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "seawall", "ratelimit", "drr", "qcn"})
    void slowestLinksRunUnderEveryScheme(String scheme) throws Exception {
        List<String> sets = List.of("durationS=0.05", "warmupS=0.01", "sampleIntervalS=0.01", "scheme=" + scheme,
                "topology.rateGbps=0.01", "topology.coreRateGbps=0.01");
        Scenario sc = ScenarioLoader.load(Path.of("library/udp-flood.yaml"), sets);
        assertThatCode(() -> Runner.run(sc, null)).as(scheme).doesNotThrowAnyException();
    }

    @Test
    void valuesJustOutsideFailValidationWithTheirField() {
        for (String set : List.of("topology.rateGbps=8000.001", "topology.rateGbps=0.0099", "topology.delayUs=1.0000001e9", "durationS=1000001",
                "tenants.attacker.vms.a.traffic[0].rateMbps=8000001", "tenants.attacker.vms.a.traffic[0].rateMbps=1e-7",
                "sampleIntervalS=1e-13")) {
            String path = set.substring(0, set.indexOf('='));
            try {
                ScenarioLoader.load(Path.of("library/udp-flood.yaml"), List.of(set));
                throw new AssertionError(set + " validated");
            } catch (ScenarioException e) {
                assertThat(e.problems()).as(set).anySatisfy(p -> assertThat(p.path()).isEqualTo(path));
            }
        }
    }
}
