package org.seawallsim.engine.net;

/**
 * A switch's packet memory shared by its egress queues, with dynamic per-port thresholds (Choudhury and Hahne): a
 * port may hold at most {@code alpha * (free memory)}, so one congested port cannot take the whole buffer while others
 * are idle, yet it can grow large when they are.
 */
public final class SharedBuffer {
    private final long totalBytes;
    private final double alpha;
    private long usedBytes;

    public SharedBuffer(long totalBytes, double alpha) {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("shared buffer size must be positive (bytes), got " + totalBytes);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("shared buffer alpha must be positive, got " + alpha);
        }
        this.totalBytes = totalBytes;
        this.alpha = alpha;
    }

    /** True if a port holding {@code portBytes} may take {@code sizeBytes} more; reserves the memory if so. */
    public boolean tryReserve(long portBytes, int sizeBytes) {
        long free = totalBytes - usedBytes;
        if (sizeBytes > free || portBytes + sizeBytes > alpha * free) {
            return false;
        }
        usedBytes += sizeBytes;
        return true;
    }

    public void release(int sizeBytes) {
        usedBytes -= sizeBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long totalBytes() {
        return totalBytes;
    }

    public double alpha() {
        return alpha;
    }
}
