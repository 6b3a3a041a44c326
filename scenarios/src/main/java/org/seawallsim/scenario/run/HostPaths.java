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
import org.seawallsim.scenario.oracle.MaxMinOracle;
import org.seawallsim.transport.tcp.TcpConfig;

/**
 * Hosts' packet paths as links of the oracle. With {@code hostTiming} each host sends through one FIFO server
 * (service per packet and per byte, plus the send jitter) and receives through another, whatever its NIC's rate.
 * Each host adds two links after the network's ports, its send path at index ports + 2 h and its receive path at
 * ports + 2 h + 1, with a capacity of 1 (their time, a second per second); a VM's traffic costs each of them its
 * service time per bit of its wire rate, for its own packet size, and a TCP VM's acknowledgements (one per segment,
 * or per two with delayed ACKs) take their service on its receiver's send path and its own receive path, as an echo
 * of its rate ({@link MaxMinOracle.Echo}: load the others share what is left of, not a claim that competes). With the
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

    /** A readable name of oracle link {@code link}: the port's, or a host's send or receive path. */
    String linkName(int link, List<EgressPort> ports) {
        if (link < ports.size()) {
            return ports.get(link).name();
        }
        int h = (link - ports.size()) / 2;
        for (Map.Entry<Host, Integer> e : index.entrySet()) {
            if (e.getValue() == h) {
                return e.getKey().name() + ((link - ports.size()) % 2 == 0 ? " send path" : " receive path");
            }
        }
        return "link " + link;
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

    /**
     * A path through the ports plus the host paths it takes, with what a wire bit/s costs on each, and the echo of
     * its acknowledgements: per wire bit/s, what they take of the ports and host paths from the receiver back.
     */
    record Route(int[] links, double[] costs, MaxMinOracle.Echo echo) {

        /**
         * This route plus the ports its acknowledgements cross: {@code ackPorts} maps a port to how many of the
         * route's {@code flows} flows are acknowledged through it, and each such port takes that fraction of
         * {@code ackWirePerDataWire} per data wire bit (the route's flows share its rate equally in the oracle).
         */
        Route withAcks(Map<Integer, int[]> ackPorts, int flows, double ackWirePerDataWire) {
            if (ackPorts.isEmpty() || !(ackWirePerDataWire > 0)) {
                return this;
            }
            int n = echo.links().length;
            int[] out = Arrays.copyOf(echo.links(), n + ackPorts.size());
            double[] c = Arrays.copyOf(echo.costs(), n + ackPorts.size());
            for (Map.Entry<Integer, int[]> e : ackPorts.entrySet()) {
                out[n] = e.getKey();
                c[n++] = ackWirePerDataWire * e.getValue()[0] / flows;
            }
            return new Route(links, costs, new MaxMinOracle.Echo(out, c));
        }
    }

    /**
     * Wire bits of acknowledgements per wire bit of data for a TCP VM ({@code vm}'s first traffic item, as the oracle
     * sizes it), 0 for UDP: one pure ACK (the header alone, 52 IP bytes with timestamps: 90 wire bytes) per segment
     * (1 538 wire bytes), or per two with delayed ACKs. 90/1538 = 0.0585: two VMs sending bulk TCP to each other over
     * 1 Gb/s can each have 1e9 x 1538/1628 wire bit/s of data, 889.4 Mb/s of goodput, not the 941.5 of a link
     * carrying data alone. SACK blocks and duplicate ACKs add bytes in recovery; they are not counted.
     */
    static double ackWirePerDataWire(Scenario.Vm vm) {
        return vm.traffic().isEmpty() ? 0 : ackWirePerDataWire(vm.traffic().get(0));
    }

    /** As {@link #ackWirePerDataWire(Scenario.Vm)}, for one traffic item. */
    static double ackWirePerDataWire(Scenario.Traffic tr) {
        if (tr.datagrams()) {
            return 0;
        }
        TcpConfig c = TransportTraffic.tcp(tr);
        double acksPerSegment = c.delayedAcks() ? 0.5 : 1;
        return acksPerSegment * Ethernet.wireBytes(c.headerBytes())
                / Ethernet.wireBytes(c.effectiveMss() + c.headerBytes());
    }

    /**
     * {@code links} (port indices, cost 1 each) plus the send path of {@code src} and the receive path of {@code dst}
     * (null when not known), and for TCP the acknowledgements' service on both reverse paths as the route's echo.
     */
    Route route(int[] links, Host src, Host dst, Scenario.Vm vm, int portCount) {
        return route(links, src, dst, null, vm, portCount);
    }

    /**
     * As {@link #route(int[], Host, Host, Scenario.Vm, int)}, with packet sizes of traffic item {@code item} (null: the
     * VM's first item).
     */
    Route route(int[] links, Host src, Host dst, Scenario.Traffic item, Scenario.Vm vm, int portCount) {
        double[] ones = new double[links.length];
        Arrays.fill(ones, 1.0);
        if (!timed || vm.traffic().isEmpty()) {
            return new Route(links, ones, MaxMinOracle.Echo.NONE);
        }
        Scenario.Traffic tr = item != null ? item : vm.traffic().get(0);
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
        int n = links.length + (dst == null ? 1 : 2);
        int[] out = Arrays.copyOf(links, n);
        double[] costs = Arrays.copyOf(ones, n);
        int k = links.length;
        out[k] = portCount + 2 * index.get(src);
        costs[k++] = (perPacketS + perByteS * ipBytes + meanJitterS) / bitsPerPacket;
        int[] echoLinks = new int[0];
        double[] echoCosts = new double[0];
        if (dst != null) {
            out[k] = portCount + 2 * index.get(dst) + 1;
            costs[k] = (perPacketS + perByteS * ipBytes) / bitsPerPacket;
            if (tcp) {
                echoLinks = new int[] {portCount + 2 * index.get(dst), portCount + 2 * index.get(src) + 1};
                echoCosts = new double[] {
                    acksPerSegment * (perPacketS + perByteS * ackIpBytes + meanJitterS) / bitsPerPacket,
                    acksPerSegment * (perPacketS + perByteS * ackIpBytes) / bitsPerPacket};
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
        int echoKept = 0;
        for (int i = 0; i < echoLinks.length; i++) {
            if (echoCosts[i] > 0) {
                echoLinks[echoKept] = echoLinks[i];
                echoCosts[echoKept++] = echoCosts[i];
            }
        }
        return new Route(Arrays.copyOf(out, kept), Arrays.copyOf(costs, kept),
                new MaxMinOracle.Echo(Arrays.copyOf(echoLinks, echoKept), Arrays.copyOf(echoCosts, echoKept)));
    }
}
