package org.seawallsim.plots;

/**
 * How charts are written: file format and size in pixels (SVG uses the same numbers as its user units).
 *
 * @param format PNG or SVG
 * @param widthPx chart width, 200..8000
 * @param heightPx chart height, 150..8000
 */
public record PlotOptions(Format format, int widthPx, int heightPx) {
    public static final int DEFAULT_WIDTH_PX = 1000;
    public static final int DEFAULT_HEIGHT_PX = 560;

    public PlotOptions {
        if (format == null) {
            throw new IllegalArgumentException("format: null; allowed: png, svg");
        }
        // Below these sizes titles, legends and axes overlap into an unreadable chart; above, files get huge.
        if (widthPx < 200 || widthPx > 8000) {
            throw new IllegalArgumentException("width: " + widthPx + " px is outside the allowed 200..8000 px");
        }
        if (heightPx < 150 || heightPx > 8000) {
            throw new IllegalArgumentException("height: " + heightPx + " px is outside the allowed 150..8000 px");
        }
    }

    public static PlotOptions defaults() {
        return new PlotOptions(Format.PNG, DEFAULT_WIDTH_PX, DEFAULT_HEIGHT_PX);
    }

    public static PlotOptions of(Format format) {
        return new PlotOptions(format, DEFAULT_WIDTH_PX, DEFAULT_HEIGHT_PX);
    }
}
