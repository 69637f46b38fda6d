package dev.hoist;

import dev.hoist.platform.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Hoist. Without a configured database it first starts the embedded PostgreSQL,
 * so that one command runs everything on a fresh machine.
 */
@QuarkusMain
public class HoistMain {

    public static void main(String... args) throws Exception {
        EmbeddedDatabase.startUnlessConfigured();
        Quarkus.run(args);
    }
}
