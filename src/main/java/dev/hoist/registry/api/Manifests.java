package dev.hoist.registry.api;

import dev.hoist.model.Repo;
import dev.hoist.registry.Deletions;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Grant;
import dev.hoist.registry.ManifestPushes;
import dev.hoist.registry.ManifestRecords;
import dev.hoist.registry.ManifestReference;
import dev.hoist.registry.PullTimes;
import dev.hoist.registry.PushedManifest;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryAccess;
import dev.hoist.registry.RegistryCaller;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RepositoryActivity;
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

/** {@code /v2/<ns>/<name>/manifests/<tag or digest>}: images, indexes and artifacts. */
@Path("/v2/{namespace}/{name}/manifests/{reference}")
public class Manifests {

    @Inject
    RegistryAccess gate;

    @Inject
    RegistryCaller caller;

    @Inject
    ManifestPushes pushes;

    @Inject
    Deletions deletions;

    @Inject
    ManifestRecords manifests;

    @Inject
    RepositoryActivity activity;

    @Inject
    PullTimes pullTimes;

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
        Repo repo = gate.require(namespace, name, Grant.PUSH);
        PushedManifest pushed = pushes.push(repo, ManifestReference.parse(reference), contentType, body, actor());
        Response.ResponseBuilder response = Response.status(201)
                .header("Location", "/v2/" + repo.fullName() + "/manifests/" + pushed.digest())
                .header(Registry.DIGEST_HEADER, pushed.digest())
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Content-Length", 0);
        if (pushed.subject() != null) {
            response.header("OCI-Subject", pushed.subject());
        }
        return response.build();
    }

    @GET
    public Response get(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL);
        ManifestReference ref = ManifestReference.parse(reference);
        ManifestRecords.StoredManifest manifest = find(repo, ref);
        activity.pulled(repo.id);
        pullTimes.pulled(repo.id, manifest.id(), ref.byDigest() ? null : ref.tag());
        return headers(repo, ref, manifest).entity(manifest.content()).build();
    }

    @HEAD
    public Response head(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL);
        ManifestReference ref = ManifestReference.parse(reference);
        return headers(repo, ref, find(repo, ref)).build();
    }

    /** By digest the manifest goes (and its tags with it); by tag only the tag goes. */
    @DELETE
    public Response delete(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.DELETE);
        if (!deletions.delete(repo, ManifestReference.parse(reference), actor())) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN);
        }
        return Response.accepted().header(Registry.API_VERSION_HEADER, Registry.API_VERSION).build();
    }

    /** The username of the account behind the token, or null. */
    private String actor() {
        return caller.account().map(a -> a.username()).orElse(null);
    }

    private ManifestRecords.StoredManifest find(Repo repo, ManifestReference ref) {
        return (ref.byDigest() ? manifests.byDigest(repo.id, ref.digest().toString()) : manifests.byTag(repo.id, ref.tag()))
                .orElseThrow(() -> new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest unknown", reference));
    }

    private Response.ResponseBuilder headers(Repo repo, ManifestReference ref, ManifestRecords.StoredManifest manifest) {
        boolean open = gate.isPublic(repo);
        // By digest the bytes never change; a tag may move at any moment, so caches ask again.
        String cache = ref.byDigest() ? CacheControl.immutable(open) : CacheControl.revalidate(open);
        return Response.ok()
                .header("Cache-Control", cache)
                .type(manifest.mediaType())
                .header("Content-Length", manifest.content().length)
                .header(Registry.DIGEST_HEADER, manifest.digest())
                .header("ETag", "\"" + manifest.digest() + "\"")
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION);
    }
}
