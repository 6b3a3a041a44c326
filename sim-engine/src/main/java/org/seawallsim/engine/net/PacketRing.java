package org.seawallsim.engine.net;

import org.seawallsim.engine.packet.Packet;

/** A growable FIFO of packets in a power-of-two ring; no allocation once grown. */
public final class PacketRing {
    private Packet[] items;
    private int head;
    private int count;

    public PacketRing() {
        this(16);
    }

    public PacketRing(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(4, initialCapacity - 1)) << 1;
        items = new Packet[cap];
    }

    public void addLast(Packet p) {
        if (count == items.length) {
            Packet[] n = new Packet[items.length * 2];
            for (int i = 0; i < count; i++) {
                n[i] = items[(head + i) & (items.length - 1)];
            }
            items = n;
            head = 0;
        }
        items[(head + count) & (items.length - 1)] = p;
        count++;
    }

    public Packet pollFirst() {
        if (count == 0) {
            return null;
        }
        Packet p = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        count--;
        return p;
    }

    /** Removes the newest packet (a shared buffer pushing out the tail of its longest queue), or null if empty. */
    public Packet pollLast() {
        if (count == 0) {
            return null;
        }
        int i = (head + count - 1) & (items.length - 1);
        Packet p = items[i];
        items[i] = null;
        count--;
        return p;
    }

    public Packet peekFirst() {
        return count == 0 ? null : items[head];
    }

    /** The i-th packet from the head, 0-based. */
    public Packet get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return items[(head + i) & (items.length - 1)];
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
