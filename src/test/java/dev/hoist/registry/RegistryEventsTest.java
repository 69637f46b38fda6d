package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.ManifestDeleted;
import dev.hoist.model.events.ManifestPushed;
import dev.hoist.model.events.TagDeleted;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pushes and deletions through the registry API and the Tags tab tell the rest of Hoist, once they committed. */
@QuarkusTest
class RegistryEventsTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @Inject
    RecordedEvents recorded;

    @Test
    void aPushUnderATagOrByDigestIsAManifestPushed() throws Exception {
        String me = People.newVerified("evpush");
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(300);

        client.pushImage(name, image, "1.0");
        List<ManifestPushed> pushed = events(ManifestPushed.class, name);
        assertEquals(1, pushed.size(), pushed.toString());
        ManifestPushed event = pushed.get(0);
        assertEquals("1.0", event.tag());
        assertEquals(image.manifestDigest(), event.digest());
        assertEquals(OCI_MANIFEST, event.mediaType());
        assertEquals(me, event.actor());
        assertNotNull(event.at());

        client.pushManifest(name, image.manifestDigest(), image.manifest(), OCI_MANIFEST).then().statusCode(201);
        ManifestPushed byDigest = events(ManifestPushed.class, name).get(1);
        assertNull(byDigest.tag());
        assertEquals(image.manifestDigest(), byDigest.digest());
    }

    @Test
    void aRefusedPushIsNoEvent() throws Exception {
        String me = People.newVerified("evrefused");
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(300);
        client.pushBlob(name, image.config()).then().statusCode(201);

        client.pushManifest(name, "v1", OciLayout.Blob.of("{not json".getBytes()), OCI_MANIFEST).then().statusCode(400);
        // The layer was never uploaded.
        client.pushManifest(name, "v1", image.manifest(), OCI_MANIFEST).then().statusCode(404);
        client.pushManifest(name, "sha256:" + "0".repeat(64), image.manifest(), OCI_MANIFEST).then().statusCode(400);
        // Someone without push on the repository.
        String other = People.newVerified("evother");
        RegistryClient.as(other, "password123").pushManifest(name, "v1", image.manifest(), OCI_MANIFEST).then().statusCode(401);

        assertEquals(List.of(), events(ManifestPushed.class, name));
    }

    @Test
    void deletingATagFromTheTagsTabIsATagDeleted() throws Exception {
        String me = Visitor.uniqueName("evtab");
        Visitor owner = People.verified(me);
        String name = me + "/shop";
        RegistryClient.as(me, "password123").pushImage(name, OciLayout.image(300), "1.0");

        Visitor.signedUp(Visitor.uniqueName("evnosy")).submit("/settings", "/r/" + name + "/tags/delete", Map.of("tag", "1.0"))
                .then().statusCode(403);
        owner.submit("/r/" + name + "/tags", "/r/" + name + "/tags/delete", Map.of("tag", "no-such-tag")).then().statusCode(303);
        assertEquals(List.of(), events(TagDeleted.class, name));

        owner.submit("/r/" + name + "/tags", "/r/" + name + "/tags/delete", Map.of("tag", "1.0")).then().statusCode(303);
        List<TagDeleted> deleted = events(TagDeleted.class, name);
        assertEquals(1, deleted.size(), deleted.toString());
        assertEquals("1.0", deleted.get(0).tag());
        assertEquals(me, deleted.get(0).actor());
        assertNotNull(deleted.get(0).at());
    }

    @Test
    void deletingThroughTheRegistryIsATagDeletedOrAManifestDeleted() throws Exception {
        String me = People.newVerified("evdel");
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(300);
        client.pushImage(name, image, "1.0");
        client.pushManifest(name, "latest", image.manifest(), OCI_MANIFEST).then().statusCode(201);

        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/nope").then().statusCode(404);
        assertEquals(List.of(), events(TagDeleted.class, name));

        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/latest").then().statusCode(202);
        List<TagDeleted> tags = events(TagDeleted.class, name);
        assertEquals(1, tags.size(), tags.toString());
        assertEquals("latest", tags.get(0).tag());
        assertEquals(me, tags.get(0).actor());

        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(202);
        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(404);
        List<ManifestDeleted> manifests = events(ManifestDeleted.class, name);
        assertEquals(1, manifests.size(), manifests.toString());
        assertEquals(image.manifestDigest(), manifests.get(0).digest());
        assertEquals(me, manifests.get(0).actor());
        assertNotNull(manifests.get(0).at());
    }

    /** The committed events of {@code type} about repository {@code name}, in order. */
    private <T extends DomainEvent> List<T> events(Class<T> type, String name) {
        return recorded.of(type).stream().filter(e -> name.equals(repository(e))).toList();
    }

    private static String repository(DomainEvent event) {
        if (event instanceof ManifestPushed e) {
            return e.repository();
        }
        if (event instanceof TagDeleted e) {
            return e.repository();
        }
        return ((ManifestDeleted) event).repository();
    }
}
