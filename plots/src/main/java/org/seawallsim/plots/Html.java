package org.seawallsim.plots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small self-contained HTML page builder: inline CSS, charts embedded (PNG as base64 data URIs, SVG inline), no
 * external URL of any kind, so the page works when the folder is copied or mailed.
 */
final class Html {
    private final StringBuilder b = new StringBuilder();

    Html(String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;"
                        + "max-width:1100px;color:#222;padding:0 12px}\n")
                .append("h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.2em;margin-top:28px;"
                        + "border-bottom:1px solid #ddd;padding-bottom:4px}\n")
                .append("table{border-collapse:collapse;margin:8px 0;font-size:.92em}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}\n")
                .append("figure{margin:16px 0}figure img,figure svg{max-width:100%;height:auto;"
                        + "border:1px solid #eee}figcaption{color:#555;font-size:.9em}\n")
                .append(".muted{color:#777}\n</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    Html h2(String text) {
        b.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    Html p(String text) {
        b.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    Html muted(String text) {
        b.append("<p class=\"muted\">").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A relative link to a file inside the results folder (never an absolute or external URL). */
    Html localLink(String text, String relativePath) {
        b.append("<p><a href=\"").append(esc(relativePath)).append("\">").append(esc(text)).append("</a></p>\n");
        return this;
    }

    Html keyValues(Map<String, String> kv) {
        b.append("<table>\n");
        for (Map.Entry<String, String> e : kv.entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue()))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
        return this;
    }

    /** A table; cells that parse as numbers are right-aligned. */
    Html table(List<String> header, List<List<String>> rows) {
        b.append("<table>\n<tr>");
        for (String h : header) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String c : row) {
                b.append(isNumber(c) ? "<td class=\"n\">" : "<td>").append(esc(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        return this;
    }

    /**
     * A table whose cells in {@code linkColumn} link to relative paths inside the results folder ({@code hrefs}, one
     * per row; null for a row without a link).
     */
    Html table(List<String> header, List<List<String>> rows, int linkColumn, List<String> hrefs) {
        b.append("<table>\n<tr>");
        for (String h : header) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr>\n");
        for (int r = 0; r < rows.size(); r++) {
            b.append("<tr>");
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                b.append(isNumber(cell) ? "<td class=\"n\">" : "<td>");
                if (c == linkColumn && hrefs.get(r) != null) {
                    b.append("<a href=\"").append(esc(hrefs.get(r))).append("\">").append(esc(cell)).append("</a>");
                } else {
                    b.append(esc(cell));
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        return this;
    }

    /** Embeds a chart file written next to the report; data-file names it so readers and tests can find it. */
    Html chart(Path file, String caption) {
        String name = file.getFileName().toString();
        b.append("<figure data-file=\"").append(esc(name)).append("\">\n");
        try {
            if (name.endsWith(".svg")) {
                String svg = Files.readString(file, StandardCharsets.UTF_8);
                int start = svg.indexOf("<svg");
                b.append(start < 0 ? svg : svg.substring(start)).append('\n');
            } else {
                b.append("<img alt=\"").append(esc(caption)).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(file))).append("\">\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot embed chart " + file + ": " + e.getMessage(), e);
        }
        b.append("<figcaption>").append(esc(caption)).append(" <span class=\"muted\">(").append(esc(name))
                .append(")</span></figcaption>\n</figure>\n");
        return this;
    }

    String finish() {
        return b + "</body>\n</html>\n";
    }

    static String esc(String s) {
        StringBuilder o = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(s.replace("%", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Formats a number for tables: 4 significant digits, "-" for no value. */
    static String num(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        if ((d == Math.rint(d) || Math.abs(d) >= 1e3) && Math.abs(d) < 1e15) {
            // Large values to the unit, like the integral ones beside them in a column: 286745600 next to
            // 501023457, not next to 5.010e+08.
            return String.format(Locale.ROOT, "%d", Math.round(d));
        }
        String s = String.format(Locale.ROOT, "%.4g", d);
        // "0.7000" reads as false precision: drop trailing zeros unless the number is in exponent form.
        if (s.indexOf('e') < 0 && s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
