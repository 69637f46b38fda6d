package dev.hoist.registry.api;

import dev.hoist.model.Repo;
import dev.hoist.registry.BlobReferences;
import dev.hoist.registry.Deletions;
import dev.hoist.registry.Digests;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Grant;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryAccess;
import dev.hoist.registry.RegistryException;
import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /v2/<ns>/<name>/blobs/<digest>}: layer and config bytes, served only through a repository that has them. */
@Path("/v2/{namespace}/{name}/blobs/{digest}")
public class Blobs {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    @Inject
    RegistryAccess gate;

    @Inject
    BlobReferences references;

    @Inject
    Deletions deletions;

    @Inject
    BlobStore store;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @PathParam("digest")
    String digestParam;

    @HEAD
    public Response head(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL);
        Digest digest = Digests.parse(digestParam);
        long size = known(repo, digest);
        return headers(Response.ok(), repo, digest).header("Content-Length", size).build();
    }

    @GET
    public Response get(@HeaderParam("Range") String range, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL);
        Digest digest = Digests.parse(digestParam);
        long size = known(repo, digest);
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw rangeInvalid(size);
            }
            // Positions past any long are past the end of any blob: parsed saturating, never overflowing.
            if (m.group(1).isEmpty()) {
                start = Math.max(0, size - saturated(m.group(2)));
            } else {
                start = saturated(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(saturated(m.group(2)), size - 1);
            }
            if (start > end || start >= size) {
                throw rangeInvalid(size);
            }
            partial = true;
        }
        long length = end - start + 1;
        Response.ResponseBuilder builder = headers(partial ? Response.status(206) : Response.ok(), repo, digest);
        if (partial) {
            builder.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        Optional<java.nio.file.Path> file = store.localFile(digest);
        // From the page cache straight to the socket when the store is local; a stream otherwise.
        Object body = file.isPresent() ? new MappedFile(file.get(), start, length) : store.open(digest, start, length);
        return builder.entity(body).build();
    }

    @DELETE
    public Response delete(UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.DELETE);
        Digest digest = Digests.parse(digestParam);
        if (!deletions.unlinkBlob(repo, digest)) {
            throw new RegistryException(ErrorCode.BLOB_UNKNOWN);
        }
        return Response.accepted().header(Registry.API_VERSION_HEADER, Registry.API_VERSION).build();
    }

    private long known(Repo repo, Digest digest) {
        return references.size(repo.id, digest.toString()).filter(s -> store.exists(digest))
                .orElseThrow(() -> new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob unknown to registry", digest.toString()));
    }

    /** A decimal of any length as a long; anything beyond Long.MAX_VALUE is Long.MAX_VALUE. */
    static long saturated(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        return trimmed.length() > 18 ? Long.MAX_VALUE : Long.parseLong(trimmed);
    }

    private Response.ResponseBuilder headers(Response.ResponseBuilder builder, Repo repo, Digest digest) {
        return builder.header(Registry.DIGEST_HEADER, digest.toString())
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + digest + "\"")
                .header("Cache-Control", CacheControl.immutable(gate.isPublic(repo)))
                .type("application/octet-stream");
    }

    private static RegistryException rangeInvalid(long size) {
        return new RegistryException(ErrorCode.RANGE_INVALID, "requested range not satisfiable")
                .blobSize(size);
    }
}
