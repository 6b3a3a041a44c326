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
    /** The rows of a table from {@link #read}; null for one from {@link #open}. */
    private final List<Row> rows;
    /** The rows {@link #forEachRow} has still to parse (a table from {@link #open}), else null. */
    private Rows pending;

    /** One data row with the line it came from. */
    public record Row(int line, String[] cells) {
    }

    private CsvTable(Path file, Map<String, String> meta, List<String> columns, List<Row> rows, Rows pending) {
        this.file = file;
        this.meta = meta;
        this.columns = columns;
        this.rows = rows;
        this.pending = pending;
    }

    /**
     * Reads a CSV and checks that the header holds every required column.
     *
     * @throws ResultFileException when the file is missing, unreadable, has no header, lacks a required column or
     *     has a row of the wrong width
     */
    public static CsvTable read(Path file, String... requiredColumns) {
        CsvTable t = open(file, requiredColumns);
        List<Row> rows = new ArrayList<>();
        t.forEachRow(rows::add);
        return new CsvTable(file, t.meta, t.columns, Collections.unmodifiableList(rows), null);
    }

    /**
     * Reads a CSV's metadata and header (checked as {@link #read} does) and leaves its rows to {@link #forEachRow},
     * which parses them one at a time and keeps none. For the time series: kept as rows, each cell a String, a
     * 2 501-sample run of 1 600 VMs and ports took about 200 bytes of heap per row and charts ran out of heap at
     * twice the run's estimate.
     *
     * @throws ResultFileException as {@link #read} does (a damaged row when {@link #forEachRow} reaches it)
     */
    public static CsvTable open(Path file, String... requiredColumns) {
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
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        int[] lineStarts = lineStarts(text, bom);
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
        Rows rows = new Rows(file, text, lineStarts, line);
        // The header is the first record; a quote left open in it is reported like one in a row.
        String[] header = rows.next();
        List<String> columns = List.of(header == null ? new String[0] : header);
        checkHeader(file, line + 1, columns, requiredColumns);
        rows.width = columns.size();
        rows.columns = columns;
        return new CsvTable(file, Collections.unmodifiableMap(meta), columns, null, rows);
    }

    /** Hands every row, in file order, to {@code action}; once, on a table from {@link #open}. */
    public void forEachRow(java.util.function.Consumer<Row> action) {
        if (pending == null) {
            throw new IllegalStateException(file + ": rows already read");
        }
        Rows r = pending;
        pending = null;
        for (String[] cells = r.next(); cells != null; cells = r.next()) {
            action.accept(new Row(r.lastLine, cells));
        }
    }

    /** The records after the metadata, parsed on demand from the file's text (no copy of it). */
    private static final class Rows {
        private final Path file;
        private final String text;
        private final int[] lineStarts;
        private final int metaLines;
        private final int csvStart;
        private final CSVParser parser;
        private final java.util.Iterator<CSVRecord> it;
        int width = -1;
        List<String> columns;
        int lastLine;

        Rows(Path file, String text, int[] lineStarts, int metaLines) {
            this.file = file;
            this.text = text;
            this.lineStarts = lineStarts;
            this.metaLines = metaLines;
            this.csvStart = lineStarts[metaLines];
            try {
                java.io.Reader in = new java.io.StringReader(text);
                in.skip(csvStart); // moves an index: no copy of the text from there on
                parser = CSVParser.parse(in, FORMAT);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // reading a String cannot fail
            }
            it = parser.iterator();
        }

        /** The next record's cells, or null at the end; checks the width once the header is known. */
        String[] next() {
            try {
                if (!it.hasNext()) {
                    return null;
                }
                CSVRecord record = it.next();
                lastLine = lineOf(text, lineStarts, csvStart + (int) record.getCharacterPosition());
                String[] cells = record.values();
                if (width >= 0 && cells.length != width) {
                    throw new ResultFileException(file, lastLine, "has " + cells.length + " cells but the header "
                            + "has " + width + " (" + String.join(",", columns) + ")");
                }
                return cells;
            } catch (UncheckedIOException e) {
                // Commons CSV reports a quote left open or text after a closing quote; it names the line it began
                // on. Its line numbers count from the header, so they are moved past the metadata lines.
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String msg = String.valueOf(cause.getMessage());
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(startline (\\d+)\\)\\s*")
                        .matcher(msg);
                if (m.find()) {
                    throw new ResultFileException(file, Integer.parseInt(m.group(1)) + metaLines, "is not valid CSV: "
                            + m.replaceFirst(""));
                }
                throw new ResultFileException(file, "is not valid CSV: " + msg, e);
            }
        }
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

    /**
     * Offsets where each line starts, from {@code from} (past a byte order mark); a last line without "\n" counts,
     * an empty tail after "\n" does not. In an int array, not a list of boxed offsets (20 bytes a line more).
     */
    private static int[] lineStarts(String text, int from) {
        int[] starts = new int[16];
        int n = 0;
        int i = from;
        while (i < text.length()) {
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = i;
            int nl = text.indexOf('\n', i);
            i = nl < 0 ? text.length() : nl + 1;
        }
        return java.util.Arrays.copyOf(starts, n);
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

    /** The rows of a table from {@link #read} (one from {@link #open} has {@link #forEachRow} instead). */
    public List<Row> rows() {
        if (rows == null) {
            throw new IllegalStateException(file + ": opened to read row by row (forEachRow)");
        }
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
