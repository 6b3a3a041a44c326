package org.seawallsim.scenario.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetProbe;

/**
 * Cumulative per-port drop counters, kept from probe events, and among them the frames lost on the link at random
 * (topology.loss). Serialization time and queue occupancy are read from
 * the ports at each sample instead ({@link EgressPort#busyPsSoFar()}, the queue's bytes), which is exact at the
 * instant and lets FIFO ports compute departures instead of reporting each one (see {@link EgressPort}).
 */
final class Recorder implements NetProbe {
    final long[] drops;
    final long[] lost;
    long otherDrops;
    /** CE marks set anywhere in the run (the guest-ECN note asks whether loss-driven Seawall saw any). */
    long marks;
    private final Map<String, Integer> nameIndex = new HashMap<>();

    Recorder(List<EgressPort> ports) {
        drops = new long[ports.size()];
        lost = new long[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            nameIndex.put(ports.get(i).name(), i);
        }
    }

    @Override
    public void onMark(NetElement port, Packet p) {
        marks++;
    }

    @Override
    public void onDrop(String where, Packet p, DropReason reason) {
        Integer i = nameIndex.get(where);
        if (i != null) {
            drops[i]++;
            if (reason == DropReason.INJECTED_LOSS) {
                lost[i]++;
            }
        } else {
            otherDrops++;
        }
    }
}
