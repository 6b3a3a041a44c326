package org.seawallsim.plots;

import java.io.IOException;
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

/**
 * A result CSV: leading "# key: value" comment lines, one header line, then rows that all have the header's number
 * of cells. Cells may be double-quoted (RFC 4180) so names with commas survive. Every accessor reports problems with
 * the file name and the 1-based line number.
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
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file, "file not found");
        } catch (CharacterCodingException e) {
            throw new ResultFileException(file, "is not UTF-8 text (corrupt or not a CSV file)", e);
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot be read: " + e, e);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size() && (lines.get(i).startsWith("#") || lines.get(i).isBlank())) {
            String c = lines.get(i).substring(lines.get(i).isBlank() ? 0 : 1).trim();
            int colon = c.indexOf(':');
            if (colon > 0) {
                meta.putIfAbsent(c.substring(0, colon).trim(), c.substring(colon + 1).trim());
            }
            i++;
        }
        if (i >= lines.size()) {
            throw new ResultFileException(file, "has no CSV header line (expected "
                    + String.join(",", requiredColumns) + ")");
        }
        int headerLine = i + 1;
        List<String> columns = List.of(split(file, headerLine, stripBom(lines.get(i))));
        for (String required : requiredColumns) {
            if (!columns.contains(required)) {
                throw new ResultFileException(file, headerLine, "header lacks column '" + required + "' (header is '"
                        + String.join(",", columns) + "', expected at least " + String.join(",", requiredColumns)
                        + ")");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (i = i + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(file, i + 1, line);
            if (cells.length != columns.size()) {
                throw new ResultFileException(file, i + 1, "has " + cells.length + " cells but the header has "
                        + columns.size() + " (" + String.join(",", columns) + ")");
            }
            rows.add(new Row(i + 1, cells));
        }
        return new CsvTable(file, Collections.unmodifiableMap(meta), columns, Collections.unmodifiableList(rows));
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String[] split(Path file, int line, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (quoted) {
                if (ch == '"') {
                    if (k + 1 < text.length() && text.charAt(k + 1) == '"') {
                        cell.append('"');
                        k++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new ResultFileException(file, line, "has an unterminated quoted cell");
        }
        out.add(cell.toString());
        return out.toArray(new String[0]);
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
