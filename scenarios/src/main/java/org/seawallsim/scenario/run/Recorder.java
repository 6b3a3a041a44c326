package org.seawallsim.scenario.run;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Time;

/**
 * Cumulative per-port counters kept from probe events only (never from model statistics): serialization time, drops
 * and the last queue occupancy. The sampler reads and differences them; goodput comes from the transport probes.
 */
final class Recorder implements NetProbe {
    final long[] busyPs;
    final long[] drops;
    final long[] queueBytes;
    long otherDrops;
    private final Map<EgressPort, Integer> portIndex = new IdentityHashMap<>();
    private final Map<String, Integer> nameIndex = new HashMap<>();

    Recorder(List<EgressPort> ports) {
        busyPs = new long[ports.size()];
        drops = new long[ports.size()];
        queueBytes = new long[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            portIndex.put(ports.get(i), i);
            nameIndex.put(ports.get(i).name(), i);
        }
    }

    @Override
    public void onTransmit(EgressPort port, Packet p) {
        Integer i = portIndex.get(port);
        if (i != null) {
            busyPs[i] += Time.serializationPs(p.wireBytes(), port.rateBps());
        }
    }

    @Override
    public void onEnqueue(EgressPort port, Packet p, long bytes) {
        Integer i = portIndex.get(port);
        if (i != null) {
            queueBytes[i] = bytes;
        }
    }

    @Override
    public void onDequeue(EgressPort port, Packet p, long bytes) {
        Integer i = portIndex.get(port);
        if (i != null) {
            queueBytes[i] = bytes;
        }
    }

    @Override
    public void onDrop(String where, Packet p, DropReason reason) {
        Integer i = nameIndex.get(where);
        if (i != null) {
            drops[i]++;
        } else {
            otherDrops++;
        }
    }
}
