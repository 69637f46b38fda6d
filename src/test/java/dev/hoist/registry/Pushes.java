package dev.hoist.registry;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/** Pushes through the registry API for tests of other packages (the registry's test clients are package-private). */
public final class Pushes {

    private Pushes() {
    }

    /** Pushes a small fresh image to {@code repository} under {@code tag} as {@code user}; returns its manifest digest. */
    public static String image(String user, String repository, String tag) {
        try {
            OciLayout.Image image = OciLayout.image(300);
            RegistryClient.as(user, "password123").pushImage(repository, image, tag);
            return image.manifestDigest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pushes a small fresh image with skopeo, as a user's CI would, to the Hoist under test;
     * returns its manifest digest.
     */
    public static String withSkopeo(String user, String repository, String tag) throws Exception {
        Path home = Cli.tempDir("skopeo-home");
        Path layout = Cli.tempDir("oci-in");
        try {
            OciLayout.Image image = OciLayout.write(layout, tag, 300);
            String host = URI.create(RestAssured.baseURI).getHost() + ":" + RestAssured.port;
            Cli.run(home, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds",
                    user + ":password123", "oci:" + layout + ":" + tag, "docker://" + host + "/" + repository + ":" + tag);
            return image.manifestDigest();
        } finally {
            Cli.deleteTree(home);
            Cli.deleteTree(layout);
        }
    }

    /** Deletes {@code tag} of {@code repository} through the registry API, as {@code user}. */
    public static void deleteTag(String user, String repository, String tag) {
        RegistryClient.as(user, "password123").on(repository, "pull,delete")
                .delete("/v2/" + repository + "/manifests/" + tag).then().statusCode(202);
    }
}
