package org.seawallsim.scenario.model;

import org.seawallsim.scenario.yaml.Loc;

/** One validation error: where it is (file, line, column), which field (a path) and what is allowed. */
public record Problem(Loc loc, String path, String message) {
    @Override
    public String toString() {
        return loc + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
