package org.seawallsim.engine.net;

/** Builds the queue discipline of one egress port; builders call it once per port with the port's name and rate. */
@FunctionalInterface
public interface QueueFactory {
    QueueDiscipline create(String portName, Node owner, long rateBps);

    /** Byte-limited drop-tail FIFO of the given capacity. */
    static QueueFactory dropTail(long capacityBytes) {
        return (name, owner, rate) -> new FifoQueue(capacityBytes);
    }
}
