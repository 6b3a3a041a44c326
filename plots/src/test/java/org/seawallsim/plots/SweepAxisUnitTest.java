package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A sweep chart's x-axis names the unit the scenario format gives the swept parameter in. */
class SweepAxisUnitTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "tenants.attacker.vms.a.traffic[0].rateMbps| (Mbit/s)", "topology.coreRateGbps| (Gbit/s)",
        "topology.rateGbps| (Gbit/s)", "topology.bufferBytes| (bytes)", "topology.delayUs| (\u00b5s)",
        "durationS| (s)", "warmupS| (s)", "tenants.t.vms.a.traffic[0].onS| (s)",
        "topology.hostTiming.servicePerByteNs| (ns)", "topology.hostTiming.nicClockPpm| (ppm)",
        "schemeParams.seawall.filterDelayMs| (ms)", "schemeParams.seawall.alphaMbps| (Mbit/s)",
        "tenants.t.vms.a.traffic[0].flows| (flows)", "tenants.t.weight|''", "repetitions|''", "seed|''",
        "topology.hostsPerRack| (hosts)", "tenants.t.vms.a.traffic[0].arrivalsPerS| (1/s)",
        "topology.loss.rate| (fraction)", "topology.hostTiming.rxCoalesceFrames| (frames)",
        "tenants.t.vms.a.count| (VMs)"})
    void theUnitFollowsTheParametersSuffix(String axis, String unit) {
        // Before: every rate read "(bit/s)" (Mbit/s and Gbit/s values labelled as bit/s) and seconds had none; then
        // counts (flows, hosts) had none and arrivalsPerS read "(s)".
        assertThat(SweepCharts.axisUnit(axis)).isEqualTo(unit);
    }

    /** A sweep of whole numbers (flows 1-16) ticks at whole numbers: ticks at 1.2, 1.4 ... flows named no value. */
    @org.junit.jupiter.api.Test
    void wholeNumberAxesTickAtWholeNumbers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        SweepData s = SweepData.read(Fixtures.sweep(dir));
        org.jfree.chart.axis.NumberAxis x = (org.jfree.chart.axis.NumberAxis) SweepCharts.metric(s, "jain_weighted")
                .chart().getXYPlot().getDomainAxis();
        // The smallest tick the axis may choose for a narrow range is a whole number.
        assertThat(x.getStandardTickUnits().getCeilingTickUnit(0.05).getSize()).isEqualTo(1.0);
    }
}
