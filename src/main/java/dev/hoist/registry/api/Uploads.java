package dev.hoist.registry.api;

import dev.hoist.model.Repo;
import dev.hoist.registry.BlobUploads;
import dev.hoist.registry.Digests;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Grant;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryAccess;
import dev.hoist.registry.RegistryCaller;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RegistryText;
import dev.hoist.storage.Digest;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<ns>/<name>/blobs/uploads/}: monolithic and chunked pushes and cross-repository mounts,
 * done by {@link BlobUploads}. The checks run on a worker thread; the bytes are received on an
 * {@link UploadPool} thread, so that slow uploads never hold the workers that pages and every other
 * request need.
 */
@Path("/v2/{namespace}/{name}/blobs/uploads")
@Consumes(MediaType.WILDCARD)
public class Uploads {

    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)");

    @Inject
    RegistryAccess gate;

    @Inject
    RegistryCaller caller;

    @Inject
    BlobUploads uploads;

    @Inject
    UploadPool pool;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @POST
    @Path("/")
    @Blocking
    public CompletionStage<Response> start(@QueryParam("digest") String digestParam, @QueryParam("mount") String mount,
            @QueryParam("from") String from, InputStream body, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH);
        if (mount != null && from != null) {
            Digest digest = Digests.parse(mount);
            if (uploads.mount(repo, digest, from)) {
                return CompletableFuture.completedFuture(created(repo, digest));
            }
        }
        if (digestParam != null) {
            Digest digest = Digests.parse(digestParam);
            return pool.receive(callerKey(), body, bytes -> {
                uploads.putWhole(repo, digest, bytes);
                return created(repo, digest);
            });
        }
        String id = caller.isOrganizationToken()
                ? uploads.startForOrganizationToken(repo, caller.caller().orElseThrow().tokenId())
                : uploads.start(repo, caller.account().orElse(null));
        return CompletableFuture.completedFuture(progress(Response.accepted(), repo, id, 0));
    }

    @PATCH
    @Path("{id}")
    @Blocking
    public CompletionStage<Response> append(@PathParam("id") String id, @HeaderParam("Content-Range") String contentRange,
            InputStream body, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH);
        long offset = uploads.received(repo, id);
        checkChunkStart(repo, id, offset, contentRange);
        return pool.receive(callerKey(), body, bytes -> progress(Response.accepted(), repo, id,
                uploads.append(repo, id, offset, bytes)));
    }

    @PUT
    @Path("{id}")
    @Blocking
    public CompletionStage<Response> finish(@PathParam("id") String id, @QueryParam("digest") String digestParam,
            @HeaderParam("Content-Range") String contentRange, InputStream body, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH);
        uploads.checkSession(repo, id);
        if (digestParam == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "the digest parameter is required to close an upload");
        }
        if (contentRange != null) {
            // A closing PUT may carry the last chunk: it too must start where the upload stands.
            checkChunkStart(repo, id, uploads.received(repo, id), contentRange);
        }
        Digest digest = Digests.parse(digestParam);
        return pool.receive(callerKey(), body, bytes -> {
            uploads.finish(repo, id, digest, bytes);
            return created(repo, digest);
        });
    }

    @GET
    @Path("{id}")
    public Response status(@PathParam("id") String id, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH);
        return progress(Response.noContent(), repo, id, uploads.received(repo, id));
    }

    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("id") String id, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH);
        uploads.cancel(repo, id);
        return Response.noContent().header(Registry.API_VERSION_HEADER, Registry.API_VERSION).build();
    }

    /** A chunk's Content-Range must name a chunk, starting where the upload stands (else the spec's 416). */
    private static void checkChunkStart(Repo repo, String id, long offset, String contentRange) {
        if (contentRange == null) {
            return;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        if (!m.matches()) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "malformed Content-Range "
                    + RegistryText.shown(contentRange));
        }
        // Digits past any long, or an end before the start, describe no chunk at all.
        long start = Blobs.saturated(m.group(1));
        long end = Blobs.saturated(m.group(2));
        if (start == Long.MAX_VALUE || end == Long.MAX_VALUE || end < start) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range "
                    + RegistryText.shown(contentRange) + " names no chunk");
        }
        if (start != offset) {
            throw BlobUploads.outOfOrder(repo, id, offset);
        }
    }

    /** Whose share of the upload threads a request takes: its account, else its token's subject. */
    private String callerKey() {
        if (caller.isOrganizationToken()) {
            return caller.caller().map(c -> "organization-token:" + c.tokenId()).orElse("anonymous");
        }
        return caller.account().map(a -> "account:" + a.id).orElse("anonymous");
    }

    private Response created(Repo repo, Digest digest) {
        return Response.status(201)
                .header("Location", "/v2/" + repo.fullName() + "/blobs/" + digest)
                .header(Registry.DIGEST_HEADER, digest.toString())
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Content-Length", 0)
                .build();
    }

    private static Response progress(Response.ResponseBuilder builder, Repo repo, String id, long size) {
        return builder.header("Location", BlobUploads.location(repo, id))
                .header("Range", BlobUploads.range(size))
                .header("Docker-Upload-UUID", id)
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Content-Length", 0)
                .build();
    }
}
