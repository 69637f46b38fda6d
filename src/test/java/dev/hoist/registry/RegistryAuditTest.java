package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoist.support.AuditRows;
import dev.hoist.support.AuditRows.Row;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pushes and deletions through the registry API are in the audit log with digest and tag; refused ones are not. */
@QuarkusTest
class RegistryAuditTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @Test
    void aPushThenDeletionsThroughTheRegistryAreEntriesWithDigestAndTag() throws Exception {
        String me = People.newVerified("aupush");
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(300);

        client.pushImage(name, image, "1.0");
        client.pushManifest(name, "latest", image.manifest(), OCI_MANIFEST).then().statusCode(201);
        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/nope").then().statusCode(404);
        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/latest").then().statusCode(202);
        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(202);

        List<Row> rows = AuditRows.where("repository", name);
        assertEquals(List.of("repository.created", "manifest.pushed", "manifest.pushed", "tag.deleted", "manifest.deleted"),
                rows.stream().map(Row::action).toList());
        assertEquals(true, rows.get(0).details().get("byPush").asBoolean());
        Row pushed = rows.get(1);
        assertEquals(me, pushed.actor());
        assertEquals(me, pushed.namespace());
        assertEquals("1.0", pushed.target());
        assertEquals("1.0", pushed.details().get("tag").asText());
        assertEquals(image.manifestDigest(), pushed.details().get("digest").asText());
        assertEquals(OCI_MANIFEST, pushed.details().get("mediaType").asText());
        assertEquals("127.0.0.1", pushed.clientAddress());
        assertNull(pushed.actorToken());
        assertEquals("latest", rows.get(3).target());
        assertEquals(image.manifestDigest(), rows.get(4).target());
    }

    @Test
    void aPushWithAnAccessTokenSaysSoAndARefusedPushWritesNothing() throws Exception {
        String me = Visitor.uniqueName("autokpush");
        Visitor owner = People.verified(me);
        String secret = PersonalTokens.create(owner, "WRITE");
        String name = me + "/app";
        OciLayout.Image image = OciLayout.image(300);

        String other = People.newVerified("auother");
        RegistryClient.as(other, "password123").pushBlob(name, image.config()).then().statusCode(401);
        RegistryClient.as(me, "password123").pushManifest(name, "v1", OciLayout.Blob.of("{not json".getBytes()), OCI_MANIFEST)
                .then().statusCode(400);
        assertEquals(List.of(), AuditRows.actions("repository", name).stream().filter(a -> !a.equals("repository.created")).toList());

        RegistryClient.as(me, secret).pushImage(name, image, "2.0");
        Row pushed = AuditRows.where("repository", name).stream().filter(r -> r.action().equals("manifest.pushed")).findFirst()
                .orElseThrow();
        assertEquals(me, pushed.actor());
        assertEquals("personal access token, WRITE", pushed.actorToken());

        owner.submit("/r/" + name + "/tags", "/r/" + name + "/tags/delete", Map.of("tag", "2.0")).then().statusCode(303);
        assertEquals("tag.deleted", AuditRows.where("repository", name).get(AuditRows.where("repository", name).size() - 1).action());
    }
}
