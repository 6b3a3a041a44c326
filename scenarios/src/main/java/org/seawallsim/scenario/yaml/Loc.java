package org.seawallsim.scenario.yaml;

/** A position in a scenario file, 1-based, as editors show it; line 0 means "the whole source" (a file, a --set). */
public record Loc(String file, int line, int column) {
    public static final Loc NONE = new Loc("<none>", 0, 0);
    /** How a sweep point's values and messages about a point begin ("sweep point a=1, b=2"). */
    public static final String SWEEP_POINT_PREFIX = "sweep point ";

    /** Whether the value came from the command line (a --set or a sweep point), not from a file. */
    public boolean commandLine() {
        return file.startsWith("--set ") || file.startsWith(SWEEP_POINT_PREFIX);
    }

    @Override
    public String toString() {
        // Values from the command line have no useful position: the setting itself says where they came from.
        return line <= 0 || commandLine() ? file : file + ":" + line + ":" + column;
    }
}
