package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.plots.SweepCharts;
import org.seawallsim.scenario.model.Field;
import org.seawallsim.scenario.model.ScenarioFormat;
import org.seawallsim.scenario.model.Type;

/**
 * A sweep chart's x axis gives the unit describe gives the swept parameter (plots reads only result files, so it
 * derives the unit from the path): a 'flows' axis had none while describe listed it as [flows], and arrivalsPerS
 * read "(s)" for [1/s].
 */
class SweepAxisUnitsTest {
    @Test
    void everyAxisParametersUnitIsTheOneDescribeGives() {
        List<String[]> checked = new ArrayList<>();
        walk(ScenarioFormat.SCENARIO, "", checked);
        walk(ScenarioFormat.TRAFFIC, "tenants.t.vms.v.traffic[0]", checked);
        assertThat(checked).as("axis parameters with a unit").hasSizeGreaterThan(25);
        for (String[] c : checked) {
            String want = " (" + (c[1].equals("us") ? "\u00b5s" : c[1]) + ")";
            assertThat(SweepCharts.axisUnit(c[0])).as(c[0] + " [" + c[1] + "]").isEqualTo(want);
        }
    }

    private static void walk(Type t, String path, List<String[]> out) {
        if (t instanceof Type.Obj o) {
            for (Field f : o.fields()) {
                String p = path.isEmpty() ? f.name() : path + "." + f.name();
                if (f.sweepable() && !f.unit().isEmpty()) {
                    out.add(new String[] {p, f.unit()});
                }
                walk(f.type(), p, out);
            }
        } else if (t instanceof Type.ListOf l) {
            walk(l.item(), path + "[0]", out);
        } else if (t instanceof Type.MapOf m) {
            walk(m.value(), path + ".x", out);
        } else if (t instanceof Type.Union u) {
            for (Type.Obj v : u.variants().values()) {
                walk(v, path, out);
            }
        }
    }
}
