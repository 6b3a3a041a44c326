package org.seawallsim.scenario.model;

import org.seawallsim.scenario.yaml.Loc;

/**
 * One validation error: where it is (file, line, column), which field (a path) and what is allowed; {@code point}
 * names the sweep point it was found at ("sweep point a=1, b=2"), or is empty.
 */
public record Problem(Loc loc, String path, String message, String point) {
    public Problem(Loc loc, String path, String message) {
        this(loc, path, message, "");
    }

    /** The same problem found at a sweep point, reported at {@code at}. */
    public Problem at(String sweepPoint, Loc at) {
        return new Problem(at, path, message, sweepPoint);
    }

    @Override
    public String toString() {
        return loc + ": " + (point.isEmpty() ? "" : point + ": ") + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
