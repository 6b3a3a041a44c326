package org.seawallsim.seawall.sim;

import org.seawallsim.seawall.controller.ControllerConfig;
import org.seawallsim.seawall.port.DetectorConfig;
import org.seawallsim.seawall.port.HeaderMode;
import org.seawallsim.seawall.port.HypervisorCostModel;
import org.seawallsim.seawall.port.PortConfig;

/**
 * Everything the Seawall scheme is configured with. The controller's maxRateBps and the port's nicRateBps are
 * replaced by each host's NIC rate at install time.
 *
 * @param controller    rate controller constants
 * @param port          SW-port constants (header mode, queues, buckets)
 * @param detector      destination-side detection of misbehaving sources
 * @param cost          hypervisor CPU cost model ({@link HypervisorCostModel#FREE} for none)
 * @param filterDelayPs control-plane delay between an accusation reaching the network controller and the filter
 *                      being active at the source's edge switch
 * @param telemetry     switch-port telemetry of feedback mode ecn-bottleneck (off by default)
 */
public record SeawallParams(ControllerConfig controller, PortConfig port, DetectorConfig detector,
                            HypervisorCostModel cost, long filterDelayPs, TelemetryConfig telemetry) {
    public SeawallParams {
        if (controller == null || port == null || detector == null || cost == null || telemetry == null) {
            throw new IllegalArgumentException("controller, port, detector, cost and telemetry are required (use FREE"
                    + " for no cost, TelemetryConfig.defaults() for no telemetry)");
        }
        if (filterDelayPs < 0) {
            throw new IllegalArgumentException("filterDelayPs must be >= 0, got " + filterDelayPs);
        }
    }

    /** Defaults: bit stealing, additive increase, usage split, detection on, no CPU cost, 10 ms filter delay. */
    public static SeawallParams defaults() {
        return new SeawallParams(ControllerConfig.defaults(), PortConfig.defaults(), DetectorConfig.defaults(),
                HypervisorCostModel.FREE, 10_000_000_000L, TelemetryConfig.defaults());
    }

    /**
     * New controller constants. The detector's beta follows the controller's: it is the cut an honest sender makes,
     * so a detector left at the old beta would expect too little or too much of a source.
     */
    public SeawallParams withController(ControllerConfig c) {
        DetectorConfig d = detector.beta() == c.beta() ? detector : detector.withBeta(c.beta());
        return new SeawallParams(c, port, d, cost, filterDelayPs, telemetry);
    }

    /**
     * The cut of ECN-driven feedback ({@link #withEcnFeedback}). Marks arrive while the bottleneck queue is at the
     * switch's marking threshold K, far below overflow, so every cut lands on a queue of about K bytes; with the
     * loss-driven 0.2 a 60 KB K drained before the tunnels had climbed back and the link idled (E1 at 1 GbE:
     * utilization 0.982 with 0.2, 0.993 with 0.1; the weights x flows case 0.966 against 0.982).
     */
    public static final double ECN_BETA = 0.1;

    /**
     * ECN-driven feedback instead of loss-driven: the sender port makes guest packets ECN-capable, switches that
     * mark above a threshold (scenario {@code topology.ecnThresholdBytes}) mark them, and receivers report the
     * marks; the controller's beta becomes {@link #ECN_BETA} unless {@code beta} is given (NaN keeps the default).
     */
    public SeawallParams withEcnFeedback(boolean on, double beta) {
        SeawallParams sp = withPort(port.withHypervisorEcn(on));
        double b = !Double.isNaN(beta) ? beta : on ? ECN_BETA : ControllerConfig.defaults().beta();
        // Coupled cuts at the sibling's own report under ECN, at once under loss (ControllerConfig explains).
        return sp.withController(controller.withBeta(b).withCoupleAtOwnReport(on));
    }

    /**
     * Feedback mode ecn-bottleneck: ECN-driven feedback ({@link #withEcnFeedback}) whose cuts are scaled to the
     * part of the tunnel's cuts that its most congested link accounts for, from switch-port telemetry
     * ({@link LinkTelemetry}, {@link org.seawallsim.seawall.controller.PathCongestion}). With the telemetry off this
     * is plain ecn.
     */
    public SeawallParams withEcnBottleneckFeedback(double beta) {
        return withEcnFeedback(true, beta).withTelemetry(telemetry.withEnabled(true));
    }

    public SeawallParams withTelemetry(TelemetryConfig t) {
        return new SeawallParams(controller, port, detector, cost, filterDelayPs, t);
    }

    public SeawallParams withPort(PortConfig p) {
        return new SeawallParams(controller, p, detector, cost, filterDelayPs, telemetry);
    }

    public SeawallParams withMode(HeaderMode m) {
        return withPort(port.withMode(m));
    }

    public SeawallParams withDetector(DetectorConfig d) {
        return new SeawallParams(controller, port, d, cost, filterDelayPs, telemetry);
    }

    public SeawallParams withCost(HypervisorCostModel c) {
        return new SeawallParams(controller, port, detector, c, filterDelayPs, telemetry);
    }

    public SeawallParams withFilterDelayPs(long d) {
        return new SeawallParams(controller, port, detector, cost, d, telemetry);
    }
}
