package dev.hoist.architecture.cycle.a;

import dev.hoist.architecture.cycle.b.Downstairs;

/** Half of a deliberate package cycle that {@code ArchitectureTest} must refuse. */
public class Upstairs {

    public Downstairs below() {
        return new Downstairs();
    }
}
