package org.seawallsim.seawall.sim.traffic;

import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.tcp.TcpConfig;
import org.seawallsim.transport.tcp.TcpFlowConfig;

/**
 * A bulk TCP flow of the E-tests, run by the project's guest stack ({@link org.seawallsim.transport.tcp.TcpFlow}) so
 * Seawall is measured against the transport the product runs. This class only keeps the small API the tests use.
 */
public final class TcpFlow {
    /**
     * Linux-like NewReno (timestamps, so MSS 1448 in 1500-B datagrams; 12 us send jitter) with a 5 ms minimum RTO:
     * a datacenter setting, and the value the E-tests' expectations were derived with.
     */
    public static final TcpConfig CONFIG = TcpConfig.linuxLike().withMinRto(Time.ofMillis(5));

    private final org.seawallsim.transport.tcp.TcpFlow flow;
    private final FlowBytesRecorder recorder;

    public TcpFlow(Transports transports, FlowBytesRecorder recorder, VmAddress src, VmAddress dst) {
        this.flow = transports.tcpFlow(TcpFlowConfig.bulk(src, dst, CONFIG));
        this.recorder = recorder;
    }

    public void start() {
        flow.start();
    }

    /** Stops the flow: no new data, no retransmissions (the VM went away). */
    public void stop() {
        flow.stop();
    }

    /** Payload bytes delivered in order to the receiving application. */
    public long deliveredBytes() {
        return flow.bytesDelivered();
    }

    public long retransmits() {
        return recorder.retransmits(flow.info().flowId());
    }

    public long timeouts() {
        return recorder.timeouts(flow.info().flowId());
    }

    /** The underlying project flow. */
    public org.seawallsim.transport.tcp.TcpFlow flow() {
        return flow;
    }
}
