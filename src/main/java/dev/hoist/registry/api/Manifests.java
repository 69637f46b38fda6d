package dev.hoist.registry.api;

import dev.hoist.model.Repo;
import dev.hoist.registry.BlobReferences;
import dev.hoist.registry.Digests;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Grant;
import dev.hoist.registry.ManifestChecks;
import dev.hoist.registry.Metadata;
import dev.hoist.registry.ParsedManifest;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryAccess;
import dev.hoist.registry.RegistryCaller;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RegistryText;
import dev.hoist.storage.Digest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/** {@code /v2/<ns>/<name>/manifests/<tag or digest>}: images, indexes and artifacts. */
@Path("/v2/{namespace}/{name}/manifests/{reference}")
public class Manifests {

    /** Manifests are small documents; anything larger is refused before it is read whole. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    @Inject
    RegistryAccess gate;

    @Inject
    RegistryCaller caller;

    @Inject
    Metadata metadata;

    @Inject
    ManifestChecks checks;

    @Inject
    BlobReferences references;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @PathParam("reference")
    String reference;

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body, UriInfo uri)
            throws IOException {
        Repo repo = gate.require(namespace, name, Grant.PUSH, uri.getBaseUri());
        boolean byDigest = Digests.looksLikeDigest(reference);
        Digest claimed = byDigest ? Digests.parse(reference) : null;
        checkTag();
        byte[] content = body.readNBytes(MAX_BYTES + 1);
        if (content.length > MAX_BYTES) {
            throw new RegistryException(ErrorCode.MANIFEST_TOO_BIG, "manifests are limited to 4 MiB");
        }
        Digest.Algorithm algorithm = claimed == null ? Digest.Algorithm.SHA256 : claimed.algorithm();
        String digest = Digest.of(algorithm, algorithm.newMessageDigest().digest(content)).toString();
        if (claimed != null && !claimed.toString().equals(digest)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "the manifest's digest is " + digest);
        }
        ParsedManifest manifest = ParsedManifest.parse(content, contentType);
        ParsedManifest described = checks.verify(repo, manifest);
        String pusher = caller.account().map(a -> a.username()).orElse(null);
        long id = references.saveManifest(repo.id, digest, described, content, pusher);
        if (byDigest) {
            metadata.markPushed(repo.id);
        } else {
            metadata.tag(repo.id, reference, id, pusher);
        }
        Response.ResponseBuilder response = Response.status(201)
                .header("Location", "/v2/" + repo.fullName() + "/manifests/" + digest)
                .header(Registry.DIGEST_HEADER, digest)
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Content-Length", 0);
        if (manifest.subject() != null) {
            response.header("OCI-Subject", manifest.subject());
        }
        return response.build();
    }

    @GET
    public Response get(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL, uri.getBaseUri());
        Metadata.StoredManifest manifest = find(repo);
        metadata.countPull(repo.id);
        return headers(repo, manifest).entity(manifest.content()).build();
    }

    @HEAD
    public Response head(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL, uri.getBaseUri());
        return headers(repo, find(repo)).build();
    }

    /** By digest the manifest goes (and its tags with it); by tag only the tag goes. */
    @DELETE
    public Response delete(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.DELETE, uri.getBaseUri());
        checkTag();
        boolean deleted = Digests.looksLikeDigest(reference)
                ? metadata.deleteManifest(repo.id, Digests.parse(reference).toString())
                : metadata.deleteTag(repo.id, reference);
        if (!deleted) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN);
        }
        return Response.accepted().header(Registry.API_VERSION_HEADER, Registry.API_VERSION).build();
    }

    /** A reference is a digest or a tag of Docker's form: up to 128 characters, no control characters. */
    private void checkTag() {
        if (!Digests.looksLikeDigest(reference) && !isTag(reference)) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag " + RegistryText.shown(reference));
        }
    }

    static boolean isTag(String value) {
        return TAG.matcher(value).matches();
    }

    private Metadata.StoredManifest find(Repo repo) {
        checkTag();
        return (Digests.looksLikeDigest(reference)
                ? metadata.manifestByDigest(repo.id, Digests.parse(reference).toString())
                : metadata.manifestByTag(repo.id, reference))
                .orElseThrow(() -> new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest unknown", reference));
    }

    private Response.ResponseBuilder headers(Repo repo, Metadata.StoredManifest manifest) {
        boolean open = gate.isPublic(repo);
        // By digest the bytes never change; a tag may move at any moment, so caches ask again.
        String cache = Digests.looksLikeDigest(reference) ? CacheControl.immutable(open) : CacheControl.revalidate(open);
        return Response.ok()
                .header("Cache-Control", cache)
                .type(manifest.mediaType())
                .header("Content-Length", manifest.content().length)
                .header(Registry.DIGEST_HEADER, manifest.digest())
                .header("ETag", "\"" + manifest.digest() + "\"")
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION);
    }
}
