package org.seawallsim.seawall.port;

/** Where a sender SW-port puts packets: onto the NIC, or dropped locally (queue overflow, blocked tunnel). */
public interface PacketOutput<P> {
    void transmit(P p);

    void dropLocal(P p);
}
