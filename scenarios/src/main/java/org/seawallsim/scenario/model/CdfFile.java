package org.seawallsim.scenario.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seawallsim.scenario.yaml.Loc;

/** A flow-size CDF file: 'sizeBytes probability' lines, sizes and probabilities non-decreasing, ending at 1. */
final class CdfFile {
    /** The largest flow size a CDF may give, as {@code meanBytes} allows. */
    static final double MAX_SIZE_BYTES = 1e15;

    private CdfFile() {
    }

    /** The (size, probability) points, or null after reporting why the file is unusable at {@code loc}. */
    static double[][] read(Values values, Path f, Loc loc, String path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            values.error(loc, path, "cannot read CDF file " + f + ": " + (Files.exists(f) ? e.getMessage()
                    : "no such file"));
            return null;
        }
        List<double[]> pts = new ArrayList<>();
        double lastP = -1;
        double lastS = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[\\s,]+");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException("two columns expected");
                }
                double s = Double.parseDouble(parts[0]);
                double pr = Double.parseDouble(parts[1]);
                // NaN and 1e400 (infinite) passed every comparison below and failed later, at the summary, with
                // only "Infinite or NaN"; sizes are bounded as flow sizes are (meanBytes).
                if (!Double.isFinite(s) || !Double.isFinite(pr) || s > MAX_SIZE_BYTES) {
                    values.error(loc, path, f + " line " + (i + 1) + ": sizes must be finite numbers up to "
                            + "1e15 bytes and probabilities finite numbers in [0, 1], got '" + line + "'");
                    return null;
                }
                if (s <= 0 || s < lastS || pr < lastP || pr > 1) {
                    values.error(loc, path, f + " line " + (i + 1) + ": sizes must be positive and sizes and "
                            + "probabilities non-decreasing, with probabilities in [0, 1]");
                    return null;
                }
                lastS = s;
                lastP = pr;
                pts.add(new double[] {s, pr});
            } catch (RuntimeException e) {
                values.error(loc, path, f + " line " + (i + 1) + ": expected 'sizeBytes probability', got '" + line
                        + "'");
                return null;
            }
        }
        if (pts.isEmpty() || lastP != 1.0) {
            values.error(loc, path, f + ": the CDF must end at probability 1");
            return null;
        }
        return pts.toArray(new double[0][]);
    }

    static double mean(double[][] cdf) {
        // Piecewise-linear interpolation between points: the mean of each segment is its midpoint.
        double mean = cdf[0][0] * cdf[0][1];
        for (int i = 1; i < cdf.length; i++) {
            mean += (cdf[i][1] - cdf[i - 1][1]) * (cdf[i][0] + cdf[i - 1][0]) / 2;
        }
        return mean;
    }
}
