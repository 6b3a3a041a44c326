package org.seawallsim.baseline;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;

/** The most bytes any of some ports held just after an admission: a buffer bound checked at every packet. */
public final class PeakQueueProbe implements NetProbe {
    private final Set<NetElement> ports;
    private long peakBytes;

    public PeakQueueProbe(Collection<? extends NetElement> ports) {
        this.ports = ports.stream().collect(Collectors.toUnmodifiableSet());
    }

    public PeakQueueProbe(NetElement port) {
        this(List.of(port));
    }

    public long peakBytes() {
        return peakBytes;
    }

    @Override
    public void onEnqueue(NetElement where, Packet p, long queueBytes) {
        if (ports.contains(where)) {
            peakBytes = Math.max(peakBytes, queueBytes);
        }
    }
}
