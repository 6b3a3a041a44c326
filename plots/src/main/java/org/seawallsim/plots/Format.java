package org.seawallsim.plots;

import java.util.Locale;

/** Output format of chart files. */
public enum Format {
    PNG("png"),
    SVG("svg");

    private final String extension;

    Format(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** Parses "png" or "svg" (any case). */
    public static Format parse(String text) {
        if (text != null) {
            for (Format f : values()) {
                if (f.extension.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("format: '" + text + "' is not supported; allowed: png, svg");
    }
}
