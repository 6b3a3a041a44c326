package org.seawallsim.archfixture.c;

import org.seawallsim.archfixture.a.A;

/** Depends on the cycle without being part of it: c -> a. */
public class C {
    public A user;
}
