package org.seawallsim.seawall.port;

import org.seawallsim.seawall.controller.FeedbackReport;

/** Sends a report to the source hypervisor (in the simulator: as a real control packet across the network). */
@FunctionalInterface
public interface FeedbackSink {
    void send(FeedbackReport report);
}
