package dev.hoist.support;

import dev.hoist.model.Namespace;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.HashMap;
import java.util.Map;

/** Repositories for tests: made through the page as their owners would, with counts set directly. */
public final class Repos {

    private Repos() {
    }

    /** Creates {@code namespace/name} through /repository/create. */
    public static void create(Visitor owner, String namespace, String name, boolean isPrivate, String description,
            String readme) {
        Map<String, String> form = new HashMap<>();
        form.put("namespace", namespace);
        form.put("name", name);
        form.put("visibility", isPrivate ? "private" : "public");
        form.put("description", description);
        form.put("readme", readme);
        int status = owner.submit("/repository/create", "/repository/create", form).statusCode();
        if (status != 303) {
            throw new AssertionError("Creating " + namespace + "/" + name + " answered " + status);
        }
    }

    /** Many public repositories at once, straight into the database (the trigger still indexes them). */
    public static void createMany(String namespace, String prefix, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            Namespace owner = Namespace.findActive(namespace).orElseThrow();
            for (int i = 1; i <= count; i++) {
                Repo repo = new Repo();
                repo.namespace = owner;
                repo.name = prefix + String.format("%02d", i);
                repo.persist();
            }
        });
    }

    /** Stars and pulls come from many people and from the registry: tests set them directly. */
    public static void popularity(String namespace, String name, int stars, long pulls) {
        QuarkusTransaction.requiringNew().run(() -> {
            Repo repo = Repo.byName(namespace, name).orElseThrow();
            repo.starCount = stars;
            repo.pullCount = pulls;
        });
    }

    /** What a site administrator does on the organization's page. */
    public static void verifyPublisher(String org) {
        QuarkusTransaction.requiringNew().run(() -> Organization.findByName(org).orElseThrow().verifiedPublisher = true);
    }
}
