package org.seawallsim.plots;

import org.jfree.chart.JFreeChart;

/**
 * A chart before rendering: its file base name (no extension), a caption for the report and the chart itself,
 * whose dataset tests compare with the result files.
 */
public record ChartSpec(String name, String caption, JFreeChart chart) {
}
