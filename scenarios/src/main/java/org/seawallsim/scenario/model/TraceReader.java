package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.locOf;
import static org.seawallsim.scenario.model.Values.lng;
import static org.seawallsim.scenario.model.Values.num;
import static org.seawallsim.scenario.model.Values.str;
import static org.seawallsim.scenario.model.Values.strings;

import org.seawallsim.scenario.trace.TraceSpec;

/**
 * The {@code trace:} section. Link names are checked when the run builds its network (only the topology knows
 * them); the spec carries where they were written so that error names the file, line and field.
 */
final class TraceReader {
    private TraceReader() {
    }

    static TraceSpec read(Values values, V t, double duration) {
        if (t == null || t.value() == null) {
            return null;
        }
        double start = num(t, "startS", 0);
        Double stop = t.has("stopS") ? num(t, "stopS", duration) : null;
        if (start >= duration) {
            values.error(locOf(t, "startS"), "trace.startS", "the trace starts (" + start
                    + " s) at or after the end of the run (durationS " + duration + " s)");
        }
        if (stop != null && stop <= start) {
            values.error(locOf(t, "stopS"), "trace.stopS", "must be after trace.startS (" + start + " s), got "
                    + stop);
        }
        String direction = str(t, "direction");
        return new TraceSpec(strings(t, "links"), direction == null || !TraceSpec.DIRECTIONS.contains(direction)
                ? "both" : direction, start, stop, lng(t, "maxPackets", TraceSpec.DEFAULT_MAX_PACKETS),
                (int) lng(t, "snapBytes", TraceSpec.DEFAULT_SNAP_BYTES), locOf(t, "links") + ": trace.links");
    }
}
