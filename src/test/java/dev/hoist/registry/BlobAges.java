package dev.hoist.registry;

import dev.hoist.storage.Digest;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/** Makes a blob look old to the garbage collector, instead of waiting out its grace period. */
final class BlobAges {

    private BlobAges() {
    }

    /** Every repository's reference to the blob, and its file, made {@code age} old. */
    static void age(String digest, Duration age) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "UPDATE repository_blobs SET created_at = now() - make_interval(secs => ?2) WHERE digest = ?1")
                .setParameter(1, digest).setParameter(2, (double) age.toSeconds()).executeUpdate());
        try {
            Files.setLastModifiedTime(fileOf(digest), FileTime.from(Instant.now().minus(age)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the test profile's store keeps the blob (hoist.data-dir=target/test-data). */
    static Path fileOf(String digest) {
        Digest d = Digest.parse(digest);
        return Path.of("target/test-data/blobs", d.algorithm().label(), d.hex().substring(0, 2), d.hex());
    }
}
