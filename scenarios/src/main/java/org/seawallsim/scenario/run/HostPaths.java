package org.seawallsim.scenario.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.scenario.model.Scenario;

/**
 * Hosts' packet paths as links of the oracle. With {@code hostTiming} each host sends through one FIFO server (per
 * packet and per byte service plus send jitter) and receives through another, whatever its NIC's rate; on 1 GbE
 * hosts with the default timing they pass about 2.4 and 4.8 Gb/s of full frames and never bind, but on 10 GbE hosts
 * they, not the NIC, limit a host's VMs. Without them the ideal gave two VMs on one 10 GbE host 4.8 and 9.4 Gb/s
 * while the host's send path passed 2.36 Gb/s in all. Each host adds two capacities after the network's ports: its
 * send path at index ports + 2 h, its receive path at ports + 2 h + 1, in wire bit/s of full-size frames (what the
 * oracle counts), the service time of a 1500-byte datagram plus the mean send jitter.
 */
final class HostPaths {
    private final boolean timed;
    private final double sendWireBps;
    private final double receiveWireBps;
    private final Map<Host, Integer> index = new HashMap<>();

    HostPaths(Network net, Scenario.HostTiming t) {
        this.timed = t.enabled();
        double bytes = Ethernet.MTU_BYTES;
        double serviceS = t.servicePerPacketUs() * 1e-6 + t.servicePerByteNs() * 1e-9 * bytes;
        double wireBits = 8.0 * Ethernet.wireBytes(Ethernet.MTU_BYTES);
        double sendS = serviceS + t.sendJitterUs() * 1e-6 / 2;
        this.sendWireBps = sendS > 0 ? wireBits / sendS : Double.POSITIVE_INFINITY;
        this.receiveWireBps = serviceS > 0 ? wireBits / serviceS : Double.POSITIVE_INFINITY;
        List<Host> hosts = net.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            index.put(hosts.get(i), i);
        }
    }

    /** The oracle's capacities: every port's rate, then (with host timing) each host's send and receive paths. */
    double[] capacities(List<EgressPort> ports) {
        int p = ports.size();
        double[] cap = new double[timed ? p + 2 * index.size() : p];
        for (int i = 0; i < p; i++) {
            cap[i] = ports.get(i).rateBps();
        }
        for (int h = 0; timed && h < index.size(); h++) {
            cap[p + 2 * h] = sendWireBps;
            cap[p + 2 * h + 1] = receiveWireBps;
        }
        return cap;
    }

    /** {@code links} (port indices) plus the send path of {@code src} and the receive path of {@code dst}, if any. */
    int[] with(int[] links, Host src, Host dst, int portCount) {
        if (!timed) {
            return links;
        }
        int[] out = java.util.Arrays.copyOf(links, links.length + (dst == null ? 1 : 2));
        out[links.length] = portCount + 2 * index.get(src);
        if (dst != null) {
            out[links.length + 1] = portCount + 2 * index.get(dst) + 1;
        }
        return out;
    }
}
