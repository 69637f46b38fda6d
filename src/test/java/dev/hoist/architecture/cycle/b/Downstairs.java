package dev.hoist.architecture.cycle.b;

import dev.hoist.architecture.cycle.a.Upstairs;

/** The other half: it reaches back up, which makes the cycle. */
public class Downstairs {

    public Upstairs above() {
        return new Upstairs();
    }
}
