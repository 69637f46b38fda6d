package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.People;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * V6 fills manifest_blobs for manifests pushed before it existed; a blob it missed would be
 * collected while in use. Its statement is run again here on a manifest whose rows were removed.
 */
@QuarkusTest
class ManifestBlobsBackfillTest {

    @Test
    void theMigrationFindsTheBlobsOfManifestsStoredBeforeIt() throws Exception {
        String me = People.newVerified("backfill");
        OciLayout.Image image = OciLayout.image(1000);
        RegistryClient.as(me, "password123").pushImage(me + "/old", image, "v1");
        String backfill = Arrays.stream(Files.readString(Path.of("migrations/V6__blob_gc.sql")).split(";"))
                .map(s -> s.lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n")).trim())
                .filter(s -> s.startsWith("INSERT INTO manifest_blobs")).findFirst().orElseThrow();

        @SuppressWarnings("unchecked")
        List<String> found = QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager();
            em.createNativeQuery("DELETE FROM manifest_blobs WHERE digest IN (?1, ?2)")
                    .setParameter(1, image.layer().digest()).setParameter(2, image.config().digest()).executeUpdate();
            em.createNativeQuery(backfill).executeUpdate();
            return em.createNativeQuery("SELECT mb.digest FROM manifest_blobs mb JOIN manifests m ON m.id = mb.manifest_id "
                    + "WHERE m.digest = ?1 AND mb.repository_id = m.repository_id")
                    .setParameter(1, image.manifestDigest()).getResultList();
        });

        assertEquals(Set.of(image.layer().digest(), image.config().digest()), Set.copyOf(found));
    }
}
