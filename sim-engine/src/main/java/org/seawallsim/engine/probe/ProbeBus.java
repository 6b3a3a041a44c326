package org.seawallsim.engine.probe;

import java.util.Arrays;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Packet;

/**
 * Fans network events out to the attached recorders. An array and a plain loop: with nothing attached the cost per
 * event is one length check.
 */
public final class ProbeBus {
    private NetProbe[] probes = new NetProbe[0];

    public void attach(NetProbe probe) {
        probes = Arrays.copyOf(probes, probes.length + 1);
        probes[probes.length - 1] = probe;
    }

    public boolean isEmpty() {
        return probes.length == 0;
    }

    public void hostSend(Host host, Packet p) {
        for (NetProbe probe : probes) {
            probe.onHostSend(host, p);
        }
    }

    public void enqueue(EgressPort port, Packet p, long queueBytes) {
        for (NetProbe probe : probes) {
            probe.onEnqueue(port, p, queueBytes);
        }
    }

    public void dequeue(EgressPort port, Packet p, long queueBytes) {
        for (NetProbe probe : probes) {
            probe.onDequeue(port, p, queueBytes);
        }
    }

    public void transmit(EgressPort port, Packet p) {
        for (NetProbe probe : probes) {
            probe.onTransmit(port, p);
        }
    }

    public void mark(EgressPort port, Packet p) {
        for (NetProbe probe : probes) {
            probe.onMark(port, p);
        }
    }

    public void drop(String where, Packet p, DropReason reason) {
        for (NetProbe probe : probes) {
            probe.onDrop(where, p, reason);
        }
    }

    public void deliver(Host host, Packet p) {
        for (NetProbe probe : probes) {
            probe.onDeliver(host, p);
        }
    }
}
