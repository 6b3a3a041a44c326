package org.seawallsim.baseline;

/**
 * Several queues of one port (DRR's tenant queues, a shaper's, a QCN NIC's FIFO and limiters) sharing its one buffer
 * by longest queue drop: an arrival that would take the port over its buffer makes room by pushing out the newest
 * packets of the longest queue, unless its own queue would then be the longest, in which case the arrival is dropped.
 * Plain drop-tail on a shared buffer lets admissions, not the scheduler, decide the shares (DRR weights 1:2:5 measured
 * 384/452/121 Mb/s instead of 119.6/239.3/598.2).
 */
public interface SharedBuffer {
    /** Bytes queued in all the queues (a queue discipline's {@code bytes()}). */
    long bytes();

    /** The port's one buffer (a queue discipline's {@code capacityBytes()}). */
    long capacityBytes();

    /** The queue holding the most bytes (an index of the discipline's own numbering). */
    int longestQueue();

    long queueBytes(int queue);

    /** Drops queue {@code queue}'s newest packet, reporting it as a buffer drop. */
    void pushOutNewest(int queue);

    /**
     * Makes room for an arrival of {@code sizeBytes} to a queue holding {@code ownBytes}; false if the arrival must be
     * dropped instead. A push-out never takes from the arrival's own queue: that one would be the longest.
     */
    default boolean makeRoom(long ownBytes, int sizeBytes) {
        while (bytes() + sizeBytes > capacityBytes()) {
            int longest = longestQueue();
            if (queueBytes(longest) <= ownBytes + sizeBytes) {
                return false;
            }
            pushOutNewest(longest);
        }
        return true;
    }
}
