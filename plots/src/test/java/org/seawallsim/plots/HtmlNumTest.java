package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Report numbers: large values to the unit whether or not integral, small ones to 4 significant digits. */
class HtmlNumTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"286745600, 286745600", "501023456.7, 501023457", "12345.6, 12346", "9999.5, 10000", "1234.56, 1235", "999.95, 1000", "0.00012345, 0.0001235",
        "0.8661, 0.8661", "0.7, 0.7", "1, 1", "NaN, -", "1e20, 1.000e+20", "-501023456.7, -501023457"})
    void aColumnOfLargeValuesReadsAlike(double value, String shown) {
        // Before: integral values in full and the others as 5.010e+08 in the same column.
        assertThat(Html.num(value)).isEqualTo(shown);
    }
}
