package dev.hoist.registry.api;

import dev.hoist.model.Repo;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.registry.BlobReferences;
import dev.hoist.registry.Digests;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Grant;
import dev.hoist.registry.Metadata;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryAccess;
import dev.hoist.registry.RegistryCaller;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RegistryText;
import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import dev.hoist.storage.DigestMismatchException;
import dev.hoist.storage.UnknownUploadException;
import dev.hoist.storage.UploadOffsetException;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<ns>/<name>/blobs/uploads/}: monolithic and chunked pushes and cross-repository mounts.
 * Bytes stream to the BlobStore and become visible only once their digest is proven. The checks run
 * on a worker thread; the bytes are received on an {@link UploadPool} thread, so that slow uploads
 * never hold the workers that pages and every other request need.
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
    Metadata metadata;

    @Inject
    BlobStore store;

    @Inject
    BlobReferences references;

    @Inject
    dev.hoist.access.Access access;

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
        Repo repo = gate.require(namespace, name, Grant.PUSH, uri.getBaseUri());
        if (mount != null && from != null) {
            Digest digest = Digests.parse(mount);
            if (mounted(repo, digest, from)) {
                return CompletableFuture.completedFuture(created(repo, digest));
            }
        }
        if (digestParam != null) {
            Digest digest = Digests.parse(digestParam);
            return pool.receive(callerKey(), body, bytes -> {
                try {
                    store.put(digest, bytes);
                } catch (DigestMismatchException e) {
                    throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage());
                }
                references.link(repo.id, digest, store.size(digest));
                return created(repo, digest);
            });
        }
        String id = UUID.randomUUID().toString();
        long accountId = caller.account().map(a -> a.id).orElseThrow(() -> new RegistryException(ErrorCode.DENIED));
        try {
            metadata.startUpload(id, repo.id, accountId);
        } catch (QuotaExceededException e) {
            throw RegistryException.of(e);
        }
        try {
            store.startUpload(id);
        } catch (RuntimeException e) {
            metadata.endUpload(id);
            throw e;
        }
        return CompletableFuture.completedFuture(progress(Response.accepted(), id, 0));
    }

    @PATCH
    @Path("{id}")
    @Blocking
    public CompletionStage<Response> append(@PathParam("id") String id, @HeaderParam("Content-Range") String contentRange,
            InputStream body, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH, uri.getBaseUri());
        checkSession(repo, id);
        long offset = store.uploadSize(id);
        if (contentRange != null) {
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
                throw outOfOrder(id, offset);
            }
        }
        return pool.receive(callerKey(), body, bytes -> {
            long size = appendAt(id, offset, bytes);
            metadata.touchUpload(id);
            return progress(Response.accepted(), id, size);
        });
    }

    @PUT
    @Path("{id}")
    @Blocking
    public CompletionStage<Response> finish(@PathParam("id") String id, @QueryParam("digest") String digestParam, InputStream body,
            UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH, uri.getBaseUri());
        checkSession(repo, id);
        if (digestParam == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "the digest parameter is required to close an upload");
        }
        Digest digest = Digests.parse(digestParam);
        return pool.receive(callerKey(), body, bytes -> finish(repo, id, digest, bytes));
    }

    private Response finish(Repo repo, String id, Digest digest, InputStream body) {
        try {
            if (store.uploadSize(id) == 0) {
                // The whole blob in this one request (POST, then PUT with the bytes): hash while
                // streaming instead of writing first and reading back.
                store.put(digest, body);
                store.cancelUpload(id);
            } else {
                appendAt(id, store.uploadSize(id), body);
                store.commit(id, digest);
            }
        } catch (DigestMismatchException e) {
            store.cancelUpload(id);
            metadata.endUpload(id);
            throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage());
        }
        metadata.endUpload(id);
        references.link(repo.id, digest, store.size(digest));
        return created(repo, digest);
    }

    @GET
    @Path("{id}")
    public Response status(@PathParam("id") String id, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH, uri.getBaseUri());
        checkSession(repo, id);
        return progress(Response.noContent(), id, store.uploadSize(id));
    }

    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("id") String id, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PUSH, uri.getBaseUri());
        checkSession(repo, id);
        store.cancelUpload(id);
        metadata.endUpload(id);
        return Response.noContent().header(Registry.API_VERSION_HEADER, Registry.API_VERSION).build();
    }

    /** A mount needs pull on the source, checked by the same rules as a pull; otherwise it is an ordinary upload. */
    private boolean mounted(Repo target, Digest digest, String from) {
        String[] parts = from.split("/");
        if (parts.length != 2 || !caller.granted(from, Grant.PULL)) {
            return false;
        }
        Repo source = Repo.byName(parts[0], parts[1]).orElse(null);
        if (source == null || !RegistryAccess.cap(access.permission(caller.account().orElse(null), source), caller.tokenScope())
                .atLeast(dev.hoist.model.AccessMode.READ)) {
            return false;
        }
        return references.mount(target.id, source.id, digest);
    }

    /** Whose share of the upload threads a request takes: its account, else its token's subject. */
    private String callerKey() {
        return caller.account().map(a -> "account:" + a.id).orElse("anonymous");
    }

    private long appendAt(String id, long offset, InputStream body) {
        try {
            return store.append(id, offset, body);
        } catch (UploadOffsetException e) {
            throw outOfOrder(id, store.uploadSize(id));
        } catch (UnknownUploadException e) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN);
        }
    }

    private void checkSession(Repo repo, String id) {
        if (id == null || !id.matches("[0-9a-f-]{36}") || !metadata.uploadBelongsTo(id, repo.id)) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN);
        }
    }

    private RegistryException outOfOrder(String id, long size) {
        return new RegistryException(ErrorCode.RANGE_INVALID, "chunk out of order; the upload has " + size + " bytes")
                .header("Location", location(id)).header("Range", range(size)).header("Docker-Upload-UUID", id);
    }

    private Response created(Repo repo, Digest digest) {
        return Response.status(201)
                .header("Location", "/v2/" + repo.fullName() + "/blobs/" + digest)
                .header(Registry.DIGEST_HEADER, digest.toString())
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Content-Length", 0)
                .build();
    }

    private Response progress(Response.ResponseBuilder builder, String id, long size) {
        return builder.header("Location", location(id))
                .header("Range", range(size))
                .header("Docker-Upload-UUID", id)
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Content-Length", 0)
                .build();
    }

    private String location(String id) {
        return "/v2/" + namespace + "/" + name + "/blobs/uploads/" + id;
    }

    private static String range(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
