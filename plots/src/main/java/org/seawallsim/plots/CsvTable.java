package org.seawallsim.plots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A result CSV: leading "# key: value" comment lines, one header line, then rows that all have the header's number
 * of cells. The table is RFC 4180 CSV, parsed by Apache Commons CSV, so quoted names with commas survive. Every
 * accessor reports problems with the file name and the 1-based line number.
 */
public final class CsvTable {
    private final Path file;
    private final Map<String, String> meta;
    private final List<String> columns;
    private final List<Row> rows;

    /** One data row with the line it came from. */
    public record Row(int line, String[] cells) {
    }

    private CsvTable(Path file, Map<String, String> meta, List<String> columns, List<Row> rows) {
        this.file = file;
        this.meta = meta;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads a CSV and checks that the header holds every required column.
     *
     * @throws ResultFileException when the file is missing, unreadable, has no header, lacks a required column or
     *     has a row of the wrong width
     */
    public static CsvTable read(Path file, String... requiredColumns) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file, "file not found");
        } catch (CharacterCodingException e) {
            throw new ResultFileException(file, "is not UTF-8 text (corrupt or not a CSV file)", e);
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot be read: " + e, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int[] lineStarts = lineStarts(text);
        // The leading "# key: value" lines are this format's own metadata, read here; the rest is RFC 4180 CSV.
        Map<String, String> meta = new LinkedHashMap<>();
        int line = 0;
        while (line < lineStarts.length && isCommentOrBlank(lineText(text, lineStarts, line))) {
            String l = lineText(text, lineStarts, line);
            String c = l.substring(l.isBlank() ? 0 : 1).trim();
            int colon = c.indexOf(':');
            if (colon > 0) {
                meta.putIfAbsent(c.substring(0, colon).trim(), c.substring(colon + 1).trim());
            }
            line++;
        }
        if (line >= lineStarts.length) {
            throw new ResultFileException(file, "has no CSV header line (expected "
                    + String.join(",", requiredColumns) + ")");
        }
        int csvStart = lineStarts[line];
        List<String> columns = null;
        int headerLine = line + 1;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text.substring(csvStart), FORMAT)) {
            for (CSVRecord record : parser) {
                int at = lineOf(text, lineStarts, csvStart + (int) record.getCharacterPosition());
                String[] cells = record.values();
                if (columns == null) {
                    columns = List.of(cells);
                    checkHeader(file, headerLine, columns, requiredColumns);
                    continue;
                }
                if (cells.length != columns.size()) {
                    throw new ResultFileException(file, at, "has " + cells.length + " cells but the header has "
                            + columns.size() + " (" + String.join(",", columns) + ")");
                }
                rows.add(new Row(at, cells));
            }
        } catch (UncheckedIOException | IOException e) {
            // Commons CSV reports a quote left open or text after a closing quote; it names the line it began on.
            // Its line numbers count from the header, so they are moved past the metadata lines.
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String msg = String.valueOf(cause.getMessage());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(startline (\\d+)\\)\\s*").matcher(msg);
            if (m.find()) {
                throw new ResultFileException(file, Integer.parseInt(m.group(1)) + line, "is not valid CSV: "
                        + m.replaceFirst(""));
            }
            throw new ResultFileException(file, "is not valid CSV: " + msg, e);
        }
        return new CsvTable(file, Collections.unmodifiableMap(meta), columns, Collections.unmodifiableList(rows));
    }

    /** RFC 4180 with "\n" line ends; blank lines are skipped, as the writers never write one inside a table. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setIgnoreEmptyLines(true)
            .get();

    private static void checkHeader(Path file, int headerLine, List<String> columns, String[] requiredColumns) {
        for (String required : requiredColumns) {
            if (!columns.contains(required)) {
                throw new ResultFileException(file, headerLine, "header lacks column '" + required + "' (header is '"
                        + String.join(",", columns) + "', expected at least " + String.join(",", requiredColumns)
                        + ")");
            }
        }
    }

    private static boolean isCommentOrBlank(String line) {
        return line.startsWith("#") || line.isBlank();
    }

    /** Offsets where each line starts (a last line without "\n" counts; an empty tail after "\n" does not). */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            starts.add(i);
            int nl = text.indexOf('\n', i);
            i = nl < 0 ? text.length() : nl + 1;
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String lineText(String text, int[] starts, int line) {
        int end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
        String l = text.substring(starts[line], end);
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    /** The 1-based line of the first non-blank character at or after {@code offset} (where a record begins). */
    private static int lineOf(String text, int[] starts, int offset) {
        int o = offset;
        while (o < text.length() && (text.charAt(o) == '\n' || text.charAt(o) == '\r')) {
            o++;
        }
        int idx = java.util.Arrays.binarySearch(starts, o);
        return (idx >= 0 ? idx : -idx - 2) + 1;
    }

    public Path file() {
        return file;
    }

    /** The "# key: value" header comments (scenario, scheme, seed, version, units, ...). */
    public Map<String, String> meta() {
        return meta;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    public int column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new ResultFileException(file, "has no column '" + name + "'");
        }
        return c;
    }

    /** The cell as text; an empty name or value is reported because every key column identifies a series. */
    public String text(Row row, int column) {
        String v = row.cells()[column].trim();
        if (v.isEmpty()) {
            throw new ResultFileException(file, row.line(), "column '" + columns.get(column) + "' is empty");
        }
        return v;
    }

    /** The cell as a number ("NaN" is allowed and means "no value"); anything else non-numeric is reported. */
    public double number(Row row, int column) {
        String v = row.cells()[column].trim();
        try {
            if (v.isEmpty()) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ResultFileException(file, row.line(), "column '" + columns.get(column) + "': '" + v
                    + "' is not a number");
        }
    }

    /** Like {@link #number} but the value must also be finite and >= 0 (times, rates, sizes, counts). */
    public double nonNegative(Row row, int column) {
        double d = number(row, column);
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new ResultFileException(file, row.line(), "column '" + columns.get(column) + "': " + d
                    + " is not a finite number >= 0");
        }
        return d;
    }
}
