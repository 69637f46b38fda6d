package dev.hoist.api;

import java.util.Set;

/**
 * Where Docker Hub's JSON API lives. Registry paths under {@code /v2/} are {@code /v2/},
 * {@code /v2/_catalog} or a two-part repository name followed by {@code /manifests/},
 * {@code /blobs/}, {@code /tags/list} or {@code /referrers/}; the API's paths start with one of
 * these fixed words instead, which are reserved as account and organization names
 * ({@code model/NamespaceNames}) so the two never meet.
 */
public final class ApiPaths {

    public static final Set<String> WORDS = Set.of("users", "user", "auth", "repositories", "namespaces", "orgs",
            "access-tokens", "api_tokens", "invites", "auditlogs", "search");

    private ApiPaths() {
    }

    /** Whether {@code path} (without query) is one of the JSON API's. */
    public static boolean isApi(String path) {
        if (path == null || !path.startsWith("/v2/")) {
            return false;
        }
        int end = path.indexOf('/', 4);
        return WORDS.contains(end < 0 ? path.substring(4) : path.substring(4, end));
    }
}
