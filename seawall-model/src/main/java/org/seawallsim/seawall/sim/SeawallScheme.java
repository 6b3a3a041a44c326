package org.seawallsim.seawall.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;
import org.seawallsim.seawall.controller.ControllerConfig;

/**
 * Seawall as an isolation scheme ("seawall"): a {@link SeawallShim} in every host's hypervisor and a
 * {@link NetworkController} for the compromise defence. Switch queues are left as the scenario asked.
 *
 * <p>Scenario-runner API: {@code new SeawallScheme(SeawallParams.defaults())} (or modified params), then
 * {@link #install}; at run time {@link #setWeight}, {@link #vmJoined}, {@link #vmLeft}, {@link #setCompromise},
 * {@link #falselyAccuse}; afterwards {@link #feedbackWireBytes} and {@link #feedbackOverheadFraction}.
 */
public final class SeawallScheme implements IsolationScheme {
    private final SeawallParams params;
    private Network net;
    private NetworkController networkController;
    private LinkTelemetry telemetry;
    private SeawallShim[] shims = new SeawallShim[0];
    private final Map<Integer, Integer> vmHost = new HashMap<>();

    public SeawallScheme(SeawallParams params) {
        if (params == null) {
            throw new IllegalArgumentException("params are required (SeawallParams.defaults() for the defaults)");
        }
        this.params = params;
    }

    public SeawallScheme() {
        this(SeawallParams.defaults());
    }

    @Override
    public String name() {
        return "seawall";
    }

    public SeawallParams params() {
        return params;
    }

    @Override
    public void install(Network network, List<VmInfo> vms) {
        if (net != null) {
            throw new IllegalStateException("seawall scheme already installed");
        }
        this.net = network;
        this.networkController = new NetworkController(network, params.filterDelayPs());
        List<Host> hosts = network.hosts();
        shims = new SeawallShim[hosts.size()];
        EcmpPaths paths = new EcmpPaths(network);
        for (Host h : hosts) {
            SeawallShim s = new SeawallShim(h, params, networkController, paths);
            shims[h.id()] = s;
            h.setShim(s);
        }
        if (params.telemetry().enabled()) {
            // Feedback mode ecn-bottleneck: the controllers' cuts follow each tunnel's most congested link.
            ControllerConfig cc = params.controller();
            telemetry = new LinkTelemetry(network, params.telemetry(), cc.intervalPs(),
                    cc.ignoreStaleCongestion() ? cc.holdoffIntervals() : 0);
            for (SeawallShim s : shims) {
                s.controller().setPathCongestion(telemetry);
            }
        }
        for (VmInfo vm : vms) {
            vmJoined(vm);
        }
    }

    @Override
    public void setWeight(int vmId, double weight) {
        shimOfVm(vmId).controller().setWeight(vmId, weight);
        networkController.setVmWeight(vmId, weight);
    }

    @Override
    public void vmJoined(VmInfo vm) {
        requireInstalled();
        if (vm.hostId() < 0 || vm.hostId() >= shims.length) {
            throw new IllegalArgumentException("VM '" + vm.name() + "' is on unknown host " + vm.hostId()
                    + " (hosts are 0.." + (shims.length - 1) + ")");
        }
        vmHost.put(vm.id(), vm.hostId());
        shims[vm.hostId()].controller().addVm(vm.id(), vm.weight());
        networkController.setVmWeight(vm.id(), vm.weight());
    }

    @Override
    public void vmLeft(int vmId) {
        SeawallShim s = shimOfVm(vmId);
        s.controller().removeVm(vmId);
        networkController.vmLeft(vmId);
        vmHost.remove(vmId);
    }

    /** Marks host {@code hostId}'s hypervisor compromised (or honest again with {@link Compromise#NONE}). */
    public void setCompromise(int hostId, Compromise c) {
        shim(hostId).setCompromise(c);
    }

    /** Host {@code accuserHost}, itself compromised, falsely accuses {@code srcHost}. */
    public void falselyAccuse(int accuserHost, int srcHost) {
        shim(accuserHost).falselyAccuse(srcHost);
    }

    public SeawallShim shim(int hostId) {
        requireInstalled();
        if (hostId < 0 || hostId >= shims.length) {
            throw new IllegalArgumentException("unknown host id " + hostId + " (hosts are 0.." + (shims.length - 1)
                    + ")");
        }
        return shims[hostId];
    }

    private SeawallShim shimOfVm(int vmId) {
        requireInstalled();
        Integer h = vmHost.get(vmId);
        if (h == null) {
            throw new IllegalArgumentException("unknown VM id " + vmId + " (known: " + vmHost.keySet() + ")");
        }
        return shims[h];
    }

    private void requireInstalled() {
        if (net == null) {
            throw new IllegalStateException("seawall scheme not installed yet: call install(network, vms) first");
        }
    }

    public NetworkController networkController() {
        requireInstalled();
        return networkController;
    }

    /** The link telemetry of feedback mode ecn-bottleneck, or null in the other modes. */
    public LinkTelemetry telemetry() {
        requireInstalled();
        return telemetry;
    }

    /** Feedback packets all destinations have sent so far. */
    public long feedbackPackets() {
        long n = 0;
        for (SeawallShim s : shims) {
            n += s.feedbackPacketsSent();
        }
        return n;
    }

    /** Wire bytes (Ethernet framing included) of all feedback sent so far. */
    public long feedbackWireBytes() {
        long n = 0;
        for (SeawallShim s : shims) {
            n += s.feedbackWireBytesSent();
        }
        return n;
    }

    /**
     * Feedback wire bytes as a fraction of what a link of {@code linkRateBps} carries in {@code durationPs}: the
     * share of that link Seawall's reports would take if they all crossed it (an upper bound for any one link).
     */
    public double feedbackOverheadFraction(long durationPs, long linkRateBps) {
        if (durationPs <= 0 || linkRateBps <= 0) {
            throw new IllegalArgumentException("durationPs and linkRateBps must be > 0, got " + durationPs + ", "
                    + linkRateBps);
        }
        return feedbackWireBytes() * 8.0 * 1e12 / durationPs / linkRateBps;
    }
}
