package org.seawallsim.engine.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.NetElement;

/** A host or a switch: something with egress ports that receives packets from links. */
public abstract class Node implements NetElement {
    private final int id;
    private final String name;
    private final List<EgressPort> ports = new ArrayList<>();

    protected Node(int id, String name) {
        this.id = id;
        this.name = name;
    }

    /** Dense id within its kind: hosts are numbered 0..H-1 and switches 0..S-1. */
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    public List<EgressPort> ports() {
        return Collections.unmodifiableList(ports);
    }

    void addPort(EgressPort port) {
        ports.add(port);
    }

    /** A packet arrived from a link; {@code inPort} is this node's egress port on that same link (its reverse). */
    public abstract void receiveFromLink(Packet p, EgressPort inPort);

    @Override
    public String toString() {
        return name;
    }
}
