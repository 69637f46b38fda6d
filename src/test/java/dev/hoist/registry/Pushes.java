package dev.hoist.registry;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    /** Deletes {@code tag} of {@code repository} through the registry API, as {@code user}. */
    public static void deleteTag(String user, String repository, String tag) {
        RegistryClient.as(user, "password123").on(repository, "pull,delete")
                .delete("/v2/" + repository + "/manifests/" + tag).then().statusCode(202);
    }
}
