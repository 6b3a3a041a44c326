package org.seawallsim.archfixture.b;

import org.seawallsim.archfixture.a.A;

/** The other end of the deliberate cycle a -> b -> a. */
public class B {
    public A back;
}
