package org.seawallsim.transport.app;

import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.transport.TransportProbes;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.tcp.DeliveryListener;
import org.seawallsim.transport.tcp.TcpFlow;
import org.seawallsim.transport.tcp.TcpFlowConfig;

/**
 * A synchronized request/response client with n servers over persistent TCP connections (one flow each way per
 * server, so congestion state carries over between rounds as in a real storage cluster). Each round the client
 * writes a request on every request flow; a server answers with its block as soon as the whole request has arrived;
 * the round ends when the last block is in, and the next starts at once. Each finished round is reported through
 * {@code TransportProbe.onIncastRound}.
 */
public final class IncastApp {
    private final EventLoop loop;
    private final TransportProbes probes;
    private final IncastConfig config;
    private final TcpFlow[] requests;
    private final TcpFlow[] responses;
    private final int n;
    private int round;
    private int blocksIn;
    private long roundStartPs;
    private boolean stopped;
    private int completed;

    public IncastApp(Transports transports, IncastConfig config) {
        this.loop = transports.context().loop();
        this.probes = transports.probes();
        this.config = config;
        this.n = config.servers().size();
        this.requests = new TcpFlow[n];
        this.responses = new TcpFlow[n];
        for (int i = 0; i < n; i++) {
            requests[i] = transports.tcpFlow(new TcpFlowConfig(config.client(), config.servers().get(i),
                    config.tcp(), 0, config.label() + "/req/" + i));
            responses[i] = transports.tcpFlow(new TcpFlowConfig(config.servers().get(i), config.client(),
                    config.tcp(), 0, config.label() + "/resp/" + i));
            requests[i].setDeliveryListener(new ServerSide(i));
            responses[i].setDeliveryListener(new ClientSide());
        }
    }

    /** Opens the connections and sends the first round of requests now. */
    public void start() {
        for (int i = 0; i < n; i++) {
            requests[i].start();
            responses[i].start();
        }
        beginRound();
    }

    /** No new rounds; the current one is abandoned. */
    public void stop() {
        stopped = true;
        for (int i = 0; i < n; i++) {
            requests[i].stop();
            responses[i].stop();
        }
    }

    public int roundsCompleted() {
        return completed;
    }

    /** Block bytes delivered to the client so far, over all servers. */
    public long bytesDelivered() {
        long t = 0;
        for (TcpFlow f : responses) {
            t += f.bytesDelivered();
        }
        return t;
    }

    public TcpFlow responseFlow(int server) {
        return responses[server];
    }

    private void beginRound() {
        round++;
        blocksIn = 0;
        roundStartPs = loop.nowPs();
        for (TcpFlow f : requests) {
            f.write(config.requestBytes());
        }
    }

    private void blockArrived() {
        if (++blocksIn < n) {
            return;
        }
        completed++;
        if (!probes.isEmpty()) {
            probes.incastRound(config.label(), round, n, n * config.blockBytes(), roundStartPs, loop.nowPs());
        }
        if (!stopped && (config.rounds() == 0 || round < config.rounds())) {
            beginRound();
        }
    }

    /** Server i: answers each complete request with one block. */
    private final class ServerSide implements DeliveryListener {
        private final int server;
        private long answered;

        ServerSide(int server) {
            this.server = server;
        }

        @Override
        public void onDelivered(TcpFlow flow, long newBytes, long totalBytes) {
            long complete = totalBytes / config.requestBytes();
            while (answered < complete) {
                answered++;
                if (!stopped) {
                    responses[server].write(config.blockBytes());
                }
            }
        }
    }

    /** The client: counts blocks whose last byte has arrived. */
    private final class ClientSide implements DeliveryListener {
        private long blocksSeen;

        @Override
        public void onDelivered(TcpFlow flow, long newBytes, long totalBytes) {
            long complete = totalBytes / config.blockBytes();
            while (blocksSeen < complete) {
                blocksSeen++;
                blockArrived();
            }
        }
    }
}
