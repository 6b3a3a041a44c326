package org.seawallsim.engine.net;

import org.seawallsim.engine.packet.Packet;

/**
 * Sees every packet a port puts on its link, with the instant its serialization ends (the last bit is on the wire).
 * A port that computes departures knows that instant when it admits the packet, so a tap is called then, possibly
 * before the simulated departure; an event-driven port calls it at the departure. Either way the instant is never
 * earlier than the simulated time of the call, and calls of one port come in departure order. A tap adds no events
 * and does not make ports event-driven, so it leaves a run unchanged. It must not keep or change the packet, which
 * is recycled after delivery: copy what it needs.
 */
@FunctionalInterface
public interface WireTap {
    void onWire(Packet p, long lastBitPs);
}
