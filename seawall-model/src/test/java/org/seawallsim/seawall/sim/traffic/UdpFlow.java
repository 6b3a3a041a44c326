package org.seawallsim.seawall.sim.traffic;

import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.udp.UdpFlowConfig;
import org.seawallsim.transport.udp.UdpPattern;

/**
 * A constant-bit-rate UDP source of full 1500-B datagrams (rate counts wire bytes) and its sink, run by the
 * project's transport ({@link org.seawallsim.transport.udp.UdpFlow}). This class only keeps the small API the tests
 * use. CBR rather than Poisson: E8's bystander must offer its nominal 50 Mb/s over a 100 ms window, which Poisson
 * sending misses by a few per cent; the phase locking a strictly periodic source can cause did not show in any E-test.
 */
public final class UdpFlow {
    private final org.seawallsim.transport.udp.UdpFlow flow;
    private final FlowBytesRecorder recorder;

    public UdpFlow(Transports transports, FlowBytesRecorder recorder, VmAddress src, VmAddress dst, long rateBps) {
        this.flow = transports.udpFlow(new UdpFlowConfig(src, dst, new UdpPattern.Cbr(rateBps),
                UdpFlowConfig.FULL_PAYLOAD, "udp"));
        this.recorder = recorder;
    }

    public void start() {
        flow.start();
    }

    public void stop() {
        flow.stop();
    }

    /** Payload bytes that reached the sink. */
    public long deliveredBytes() {
        return recorder.bytes(flow.info().flowId());
    }
}
