package org.seawallsim.plots;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Renders charts to PNG or SVG files, atomically (temp file in the same folder, then a move). */
public final class ChartWriter {
    private ChartWriter() {
    }

    /** Writes {@code dir/<spec.name>.<ext>}, removes the same chart in the other format, and returns its path. */
    public static Path write(ChartSpec spec, Path dir, PlotOptions opts) {
        Path target = dir.resolve(spec.name() + "." + opts.format().extension());
        if (opts.format() == Format.PNG) {
            atomically(target, out -> ChartUtils.writeChartAsPNG(out, spec.chart(), opts.widthPx(),
                    opts.heightPx()));
        } else {
            byte[] svg = svg(spec, opts).getBytes(StandardCharsets.UTF_8);
            atomically(target, out -> out.write(svg));
        }
        // The same chart drawn earlier in the other format is now out of date (plot --format svg after a run's
        // PNGs left both, the PNGs older than the report): removed, so a folder holds one current set.
        for (Format other : Format.values()) {
            if (other != opts.format()) {
                try {
                    Files.deleteIfExists(dir.resolve(spec.name() + "." + other.extension()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + spec.name() + "." + other.extension()
                            + ": " + e.getMessage(), e);
                }
            }
        }
        return target;
    }

    /** The chart as a standalone SVG document; definitions get a per-chart prefix so several can share a page. */
    static String svg(ChartSpec spec, PlotOptions opts) {
        SVGGraphics2D g2 = new SVGGraphics2D(opts.widthPx(), opts.heightPx());
        g2.setDefsKeyPrefix(spec.name().replaceAll("[^A-Za-z0-9_-]", "_") + "-");
        spec.chart().draw(g2, new Rectangle2D.Double(0, 0, opts.widthPx(), opts.heightPx()));
        // No DOCTYPE, so nothing refers to an external DTD; a viewBox lets the inline copy in report.html scale.
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement(null, true,
                new ViewBox(0, 0, opts.widthPx(), opts.heightPx()), null, null) + "\n";
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Deletes {@code .<name>.<pid>-<thread>.tmp} files in {@code dir} whose process has ended. */
    static void removeLeftovers(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                String middle = f.substring(prefix.length(), f.length() - ".tmp".length());
                int dash = middle.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? middle : middle.substring(0, dash));
                    if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                        Files.deleteIfExists(p);
                    }
                } catch (NumberFormatException notOurs) {
                    // not a name this writer makes: leave it
                }
            }
        }
    }

    static void atomically(Path target, Body body) {
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            // Named by process and thread (not createTempFile, whose owner-only permissions would stick to the
            // result after the move). A leftover of a writer that was killed carries a pid no later process has, so
            // it would stay for good: the next writer of the same chart removes those of processes no longer alive.
            removeLeftovers(dir, target.getFileName().toString());
            tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Thread.currentThread().getId() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the write already failed and that error is the one to report
                }
            }
        }
    }
}
