package org.seawallsim.transport.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TcpRun;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowInfo;

/**
 * {@link FlowInfo#reverseFlowHash()} is the ECMP hash every acknowledgement of the flow carries, so that the oracle
 * can trace the ports the acknowledgements take (their 5-tuple is the data's reversed, and hashes elsewhere).
 */
class ReverseFlowHashTest {
    @Test
    void acknowledgementsCarryTheFlowsReverseHash() {
        TcpRun run = new TcpRun(1, () -> "none", new int[] {0, 1}, null, Rate.gbps(1), Rate.gbps(1),
                Time.ofMicros(5), 150_000);
        Set<Long> dataHashes = new HashSet<>();
        Set<Long> ackHashes = new HashSet<>();
        run.tn.ctx.probes().attach(new NetProbe() {
            @Override
            public void onHostSend(NetElement host, Packet p) {
                (p.kind == Packet.KIND_ACK ? ackHashes : dataHashes).add(p.flowHash);
            }
        });
        run.tcp(0, 0);
        run.startWindow(Time.ofMillis(20));
        FlowInfo info = run.tcpFlows().get(0).info();
        assertThat(info.reverseFlowHash()).isNotEqualTo(info.flowHash());
        assertThat(ackHashes).containsExactly(info.reverseFlowHash());
        assertThat(dataHashes).containsExactly(info.flowHash());
    }
}
