package org.seawallsim.mathfixture;

/** Calls the JVM's Math.log, which the portable-math rule must refuse, and StrictMath.log and Math.sqrt, which it allows. */
public class UsesMath {
    public double intrinsic(double x) {
        return Math.log(x);
    }

    public double portable(double x) {
        return StrictMath.log(x) + Math.sqrt(x) + Math.max(x, 1);
    }
}
