package org.seawallsim.engine.packet;

/** Anything a packet can be handed to: a port, a pipe, a host, a transport endpoint. */
public interface PacketSink {
    void receive(Packet p);

    /** Stable name for logs, probes and RNG stream derivation. */
    String name();
}
