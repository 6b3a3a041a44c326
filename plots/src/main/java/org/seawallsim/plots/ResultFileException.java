package org.seawallsim.plots;

import java.nio.file.Path;

/**
 * A result file is missing or does not follow RESULTS-FORMAT.md. The message always names the file (and the line
 * for CSV files) and says what is wrong, so a user can fix or regenerate exactly that file.
 */
public final class ResultFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ResultFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ResultFileException(Path file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
        this.file = file;
    }

    public ResultFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that is wrong (or the folder, when no known result file was found in it). */
    public Path file() {
        return file;
    }
}
