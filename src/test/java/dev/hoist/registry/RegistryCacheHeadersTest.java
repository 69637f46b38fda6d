package dev.hoist.registry;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Private content is never given a lifetime in shared caches; tags are revalidated; public blobs cache for long. */
@QuarkusTest
class RegistryCacheHeadersTest {

    @Test
    void privateContentIsPrivateAndTagsAreRevalidated() throws Exception {
        String me = Visitor.uniqueName("cache");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "secret", true, "", "");
        String name = me + "/secret";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(500);
        client.pushImage(name, image, "v1");

        for (String blob : new String[] { image.layer().digest(), image.config().digest() }) {
            client.on(name, "pull").get("/v2/" + name + "/blobs/" + blob).then().statusCode(200)
                    .header("Cache-Control", "private, max-age=31536000, immutable");
            client.on(name, "pull").head("/v2/" + name + "/blobs/" + blob).then().statusCode(200)
                    .header("Cache-Control", "private, max-age=31536000, immutable");
            client.on(name, "pull").header("Range", "bytes=0-9").get("/v2/" + name + "/blobs/" + blob).then().statusCode(206)
                    .header("Cache-Control", "private, max-age=31536000, immutable");
        }
        client.on(name, "pull").get("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(200)
                .header("Cache-Control", "private, max-age=31536000, immutable");
        client.on(name, "pull").head("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(200)
                .header("Cache-Control", "private, max-age=31536000, immutable");
        client.on(name, "pull").get("/v2/" + name + "/manifests/v1").then().statusCode(200)
                .header("Cache-Control", "private, no-cache");
        client.on(name, "pull").head("/v2/" + name + "/manifests/v1").then().statusCode(200)
                .header("Cache-Control", "private, no-cache");
        client.on(name, "pull").get("/v2/" + name + "/tags/list").then().statusCode(200)
                .header("Cache-Control", "private, no-cache");
    }

    @Test
    void publicBlobsStayCacheable() throws Exception {
        String me = People.newVerified("pubcache");
        String name = me + "/open";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(500);
        client.pushImage(name, image, "v1");
        RegistryClient anyone = RegistryClient.anonymous();
        anyone.on(name, "pull").get("/v2/" + name + "/blobs/" + image.layer().digest()).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable");
        anyone.on(name, "pull").get("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable");
        anyone.on(name, "pull").get("/v2/" + name + "/manifests/v1").then().statusCode(200)
                .header("Cache-Control", "no-cache");
        anyone.on(name, "pull").get("/v2/" + name + "/manifests/v1").then()
                .header("Cache-Control", not(containsString("max-age")));
        anyone.on(name, "pull").get("/v2/" + name + "/tags/list").then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
    }
}
