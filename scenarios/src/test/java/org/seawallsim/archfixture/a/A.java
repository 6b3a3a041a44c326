package org.seawallsim.archfixture.a;

import org.seawallsim.archfixture.b.B;

/** One end of a deliberate package cycle a -> b -> a, for the test that the no-cycles rule can fail. */
public class A {
    public B next;
}
