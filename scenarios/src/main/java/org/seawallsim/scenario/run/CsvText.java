package org.seawallsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A result CSV built in memory: the "# key: value" comment header, then RFC 4180 records printed by Apache Commons
 * CSV (cells with commas, quotes or line breaks are quoted; plain names and numbers are written as they are). The
 * text is written out in one atomic step by the caller.
 */
public final class CsvText {
    /** The same dialect the plots module reads: RFC 4180 with "\n" line ends. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final StringBuilder text;
    private final CSVPrinter printer;

    /** Starts with {@code header} (comment lines, each ending in "\n", or "") and the column names. */
    public CsvText(String header, String... columns) {
        text = new StringBuilder(header);
        try {
            printer = new CSVPrinter(text, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        row((Object[]) columns);
    }

    /** One record; each cell is written as its toString(). */
    public CsvText row(Object... cells) {
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            // Appending to a StringBuilder cannot fail.
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One record from a list of cells. */
    public CsvText row(java.util.List<?> cells) {
        return row(cells.toArray());
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
