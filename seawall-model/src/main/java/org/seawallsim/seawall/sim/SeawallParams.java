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
        ControllerConfig c = ControllerConfig.defaults();
        return new SeawallParams(c, PortConfig.defaults(), DetectorConfig.defaults().withAlphaBps(c.alphaBps()),
                HypervisorCostModel.FREE, 10_000_000_000L, TelemetryConfig.defaults());
    }

    /**
     * New controller constants. The detector's beta and alpha follow the controller's: they are the cut and the
     * increase an honest sender makes, so a detector left at the old ones would expect too little or too much of a
     * source.
     */
    public SeawallParams withController(ControllerConfig c) {
        DetectorConfig d = detector.beta() == c.beta() ? detector : detector.withBeta(c.beta());
        d = d.alphaBps() == c.alphaBps() ? d : d.withAlphaBps(c.alphaBps());
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
     * The additive step of ECN-driven feedback, per interval at weight 1. A tunnel can be cut at most once per
     * hold-off H, by beta, so N weight units on one bottleneck of rate C stay under control only while
     * N alpha H <= beta C: beyond that the limits climb faster than the cuts can take them back, the bottleneck queue
     * stands at overflow and guest TCP, not Seawall, divides the link. With ECN's beta 0.1 and H = 2.5-3 intervals
     * the loss-driven 5 Mb/s held 1 Gb/s for about 7 VMs (measured, one 1 GbE trunk, VMs with 1-4 SACK guest flows,
     * seed 1: every VM within 3 % up to 8 VMs, then one-flow VMs at 0.957 for 12, 0.831 for 16 and 0.642 for 24,
     * with 4 200-11 400 trunk drops); 3 Mb/s holds 16 (0.952-0.983) and leaves 24 at 0.903. Smaller steps hold more
     * (2 Mb/s: 24 VMs at 0.945) but recover more slowly after a change and leave links idler after each cut
     * (E5 and one-flow VMs at 0.95).
     */
    public static final double ECN_ALPHA_BPS = 3e6;

    /**
     * The hold-off of ECN-driven feedback, in intervals. Reports arrive once per interval, so a hold-off of exactly 3
     * intervals put the edge on a report, and microseconds of report jitter decided whether a tunnel was cut again 3
     * or 4 intervals after its last cut: under a standing marked queue the tunnel cut every 3 intervals took a third
     * more cuts (E5, ECN, seed 1: after a's weight doubled, c fell to 0.86-0.92 of its ideal for 0.2 s, phase 0.934).
     * With 2.5 every tunnel is cut again at its third report (E5, every phase of seeds 1-3 within 0.972-1.000).
     */
    public static final double ECN_HOLDOFF_INTERVALS = 2.5;

    /**
     * ECN-driven feedback reports an uncongested small tunnel (guest ACKs) only every third interval
     * ({@link PortConfig#sparseReportIntervals}): E6's 44 ACK tunnels' reports took 3.9 % of the uplink the data
     * crosses, 1.3 % now (E6, ECN, seeds 2-3: every VM 0.946-0.951 of its ideal with every report, 0.962-0.973
     * with a third of them).
     */
    public static final int ECN_SPARSE_REPORT_INTERVALS = 3;

    /**
     * ECN-driven feedback instead of loss-driven: the sender port makes guest packets ECN-capable, switches that
     * mark above a threshold (scenario {@code topology.ecnThresholdBytes}) mark them, and receivers report the
     * marks. The controller takes ECN's constants ({@link #ECN_BETA}, {@link #ECN_ALPHA_BPS},
     * {@link #ECN_HOLDOFF_INTERVALS}, coupled cuts at the sibling's own report) and no sender-side coupling: a marking
     * queue marks every tunnel through it, small ones included, so coupling only added cuts, each tunnel of a VM
     * taking the most cuts any sibling took in an episode (E6, ECN, SACK guests: job 1's four-destination VMs at
     * 0.869-0.988 of their ideal beside job 2's two-destination VMs at 0.986-1.026 with coupling; 0.921-0.968 for
     * every VM without). {@code on = false} restores the loss-driven constants.
     */
    public SeawallParams withEcnFeedback(boolean on) {
        ControllerConfig loss = ControllerConfig.defaults();
        ControllerConfig c = controller.withBeta(on ? ECN_BETA : loss.beta())
                .withAlphaBps(on ? ECN_ALPHA_BPS : loss.alphaBps())
                .withHoldoffIntervals(on ? ECN_HOLDOFF_INTERVALS : loss.holdoffIntervals())
                .withCoupleIntervals(on ? 0 : loss.coupleIntervals())
                // Coupled cuts at the sibling's own report under ECN, at once under loss (ControllerConfig explains).
                .withCoupleAtOwnReport(on);
        PortConfig p = port.withHypervisorEcn(on).withSparseReportIntervals(on ? ECN_SPARSE_REPORT_INTERVALS : 1);
        return withPort(p).withController(c);
    }

    /**
     * Feedback mode ecn-bottleneck: ECN-driven feedback ({@link #withEcnFeedback}) whose cuts are scaled to the
     * part of the tunnel's cuts that its most congested link accounts for, from switch-port telemetry
     * ({@link LinkTelemetry}, {@link org.seawallsim.seawall.controller.PathCongestion}). With the telemetry off this
     * is plain ecn.
     */
    public SeawallParams withEcnBottleneckFeedback() {
        SeawallParams p = withEcnFeedback(true).withTelemetry(telemetry.withEnabled(true));
        DetectorConfig d = p.detector;
        return p.withDetector(d.withStreak(d.congestedIntervals(),
                Math.min(d.congestedIntervals(), d.intervalsPerCut() * BOTTLENECK_CUT_SPREAD), d.minSuspectRateBps()));
    }

    /**
     * Under ecn-bottleneck a cut is beta times the tunnel's cut share s, so an honest tunnel marked throughout sheds
     * its rate as if its whole cuts came 1 / s times as far apart. Detection rule 1 ({@link DetectorConfig}) expects
     * whole cuts at least every {@code intervalsPerCut}; under this mode it allows this many times as long, shares
     * down to 0.2: an honest tunnel must then fall to 0.9^6 = 0.53 of its rate over the 150-interval streak, and a
     * source that ignores feedback, whose rate does not fall, is still reported. With whole cuts assumed, a victim
     * beside a flood (k = 4 fat-tree, cut shares 0.24-0.99, 1 000 down to 74 Mb/s in 150 intervals) was reported
     * together with the flooder and filtered.
     */
    public static final int BOTTLENECK_CUT_SPREAD = 5;

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
