package org.seawallsim.scenario.yaml;

/** A position in a scenario file, 1-based, as editors show it. */
public record Loc(String file, int line, int column) {
    public static final Loc NONE = new Loc("<none>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
