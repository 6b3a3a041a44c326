package org.seawallsim.plots;

/**
 * One named series of (x, y) points in file order, in the file's units (seconds, bit/s, bytes, fractions).
 *
 * @param name series key (VM, tenant, link or queue name)
 * @param x x values (usually simulated seconds)
 * @param y y values
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length
                    + " y values");
        }
    }

    public int size() {
        return x.length;
    }

    /** Mean of the finite y values, 0 when there are none (used to rank the busiest queues and links). */
    public double meanY() {
        double sum = 0;
        int n = 0;
        for (double v : y) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
