package org.seawallsim.scenario.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.transport.tcp.TcpConfig;

/**
 * Hosts' packet paths as links of the oracle. With {@code hostTiming} each host sends through one FIFO server
 * (service per packet and per byte, plus the send jitter) and receives through another, whatever its NIC's rate.
 * Each host adds two links after the network's ports, its send path at index ports + 2 h and its receive path at
 * ports + 2 h + 1, with a capacity of 1 (their time, a second per second); a VM's traffic costs each of them its
 * service time per bit of its wire rate, for its own packet size, and a TCP VM's also the acknowledgements it causes
 * (one per segment, or per two with delayed ACKs) on its receiver's send path and its own receive path. With the
 * default timing a 1 GbE host's paths pass 2.46 and 4.92 Gb/s of full frames, but only 0.37 Gb/s of 200-byte
 * datagrams, and a bulk TCP flow in each direction of a 10 GbE host about 1.36 Gb/s each (each send path serves the
 * other direction's acknowledgements). Without them the ideal gave one UDP VM on an idle 10 GbE host 9.57 Gb/s while
 * it got 2.36.
 */
final class HostPaths {
    private final boolean timed;
    private final double perPacketS;
    private final double perByteS;
    private final double meanJitterS;
    private final Map<Host, Integer> index = new HashMap<>();

    HostPaths(Network net, Scenario.HostTiming t) {
        this.timed = t.enabled();
        this.perPacketS = t.servicePerPacketUs() * 1e-6;
        this.perByteS = t.servicePerByteNs() * 1e-9;
        this.meanJitterS = t.sendJitterUs() * 1e-6 / 2;
        List<Host> hosts = net.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            index.put(hosts.get(i), i);
        }
    }

    /** The oracle's capacities: every port's rate, then (with host timing) 1 for each host's send and receive path. */
    double[] capacities(List<EgressPort> ports) {
        int p = ports.size();
        double[] cap = new double[timed ? p + 2 * index.size() : p];
        for (int i = 0; i < p; i++) {
            cap[i] = ports.get(i).rateBps();
        }
        Arrays.fill(cap, p, cap.length, 1.0);
        return cap;
    }

    /** A path through the ports plus the host paths it takes, with what a wire bit/s costs on each. */
    record Route(int[] links, double[] costs) {
    }

    /**
     * {@code links} (port indices, cost 1 each) plus the send path of {@code src} and the receive path of {@code dst}
     * (null when not known), and for TCP the acknowledgements' share of both reverse paths.
     */
    Route route(int[] links, Host src, Host dst, Scenario.Vm vm, int portCount) {
        double[] ones = new double[links.length];
        Arrays.fill(ones, 1.0);
        if (!timed || vm.traffic().isEmpty()) {
            return new Route(links, ones);
        }
        Scenario.Traffic tr = vm.traffic().get(0);
        boolean tcp = !tr.datagrams();
        int ipBytes;
        int ackIpBytes = 0;
        double acksPerSegment = 0;
        if (tcp) {
            TcpConfig c = TransportTraffic.tcp(tr);
            ipBytes = c.effectiveMss() + c.headerBytes();
            ackIpBytes = c.headerBytes();
            acksPerSegment = c.delayedAcks() ? 0.5 : 1;
        } else {
            ipBytes = tr.packetBytes();
        }
        double bitsPerPacket = 8.0 * Ethernet.wireBytes(ipBytes);
        int n = links.length + (dst == null ? 1 : tcp ? 4 : 2);
        int[] out = Arrays.copyOf(links, n);
        double[] costs = Arrays.copyOf(ones, n);
        int k = links.length;
        out[k] = portCount + 2 * index.get(src);
        costs[k++] = (perPacketS + perByteS * ipBytes + meanJitterS) / bitsPerPacket;
        if (dst != null) {
            out[k] = portCount + 2 * index.get(dst) + 1;
            costs[k++] = (perPacketS + perByteS * ipBytes) / bitsPerPacket;
            if (tcp) {
                out[k] = portCount + 2 * index.get(dst);
                costs[k++] = acksPerSegment * (perPacketS + perByteS * ackIpBytes + meanJitterS) / bitsPerPacket;
                out[k] = portCount + 2 * index.get(src) + 1;
                costs[k] = acksPerSegment * (perPacketS + perByteS * ackIpBytes) / bitsPerPacket;
            }
        }
        // A zero cost (no timing at all) would be no constraint: leave such paths out.
        int kept = links.length;
        for (int i = links.length; i < n; i++) {
            if (costs[i] > 0) {
                out[kept] = out[i];
                costs[kept++] = costs[i];
            }
        }
        return new Route(Arrays.copyOf(out, kept), Arrays.copyOf(costs, kept));
    }
}
