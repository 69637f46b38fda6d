package dev.hoist.registry;

import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.Repo;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import dev.hoist.storage.DigestMismatchException;
import dev.hoist.storage.UnknownUploadException;
import dev.hoist.storage.UploadOffsetException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.UUID;

/**
 * Pushing blobs: in one request, in chunks through an upload session, or by mounting a blob of
 * another repository. Bytes stream to the {@link BlobStore}; the repository references a blob
 * ({@link BlobReferences#link}) only once its digest is proven.
 */
@ApplicationScoped
public class BlobUploads {

    @Inject
    BlobStore store;

    @Inject
    UploadSessions sessions;

    @Inject
    BlobReferences references;

    @Inject
    Access access;

    @Inject
    RegistryCaller caller;

    /**
     * Gives {@code target} the blob of repository {@code from} if the caller may pull from it,
     * checked by the same rules as a pull. False when it may not or the source lacks the blob:
     * the client then uploads it.
     */
    public boolean mount(Repo target, Digest digest, String from) {
        String[] parts = from.split("/");
        if (parts.length != 2 || !caller.granted(from, Grant.PULL)) {
            return false;
        }
        Repo source = Repo.byName(parts[0], parts[1]).orElse(null);
        if (source == null || !access.permission(caller.caller().orElse(Caller.anonymous()), source)
                .atLeast(AccessMode.READ)) {
            return false;
        }
        return references.mount(target.id, source.id, digest);
    }

    /** Stores a whole blob sent in one request and gives it to the repository. */
    public void putWhole(Repo repo, Digest digest, InputStream bytes) {
        try {
            store.put(digest, bytes);
        } catch (DigestMismatchException e) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage());
        }
        references.link(repo.id, digest);
    }

    /** Opens an upload session of {@code account} (none: DENIED) and returns its id. */
    public String start(Repo repo, Account account) {
        if (account == null) {
            throw new RegistryException(ErrorCode.DENIED);
        }
        return start(repo, id -> sessions.start(id, repo.id, account.id));
    }

    /** Opens an upload session of the organization access token {@code tokenId} and returns its id. */
    public String startForOrganizationToken(Repo repo, UUID tokenId) {
        return start(repo, id -> {
            if (!sessions.startForOrganizationToken(id, repo.id, tokenId)) {
                throw new RegistryException(ErrorCode.DENIED);
            }
        });
    }

    private String start(Repo repo, java.util.function.Consumer<String> open) {
        String id = UUID.randomUUID().toString();
        try {
            open.accept(id);
        } catch (QuotaExceededException e) {
            throw RegistryException.of(e);
        }
        try {
            store.startUpload(id);
        } catch (RuntimeException e) {
            sessions.end(id);
            throw e;
        }
        return id;
    }

    /** The bytes the session of the repository has received so far; BLOB_UPLOAD_UNKNOWN for another id. */
    public long received(Repo repo, String id) {
        checkSession(repo, id);
        return store.uploadSize(id);
    }

    /** Appends a chunk that must start at {@code offset}; returns the bytes received in all. */
    public long append(Repo repo, String id, long offset, InputStream bytes) {
        long size = appendAt(repo, id, offset, bytes);
        sessions.touch(id);
        return size;
    }

    /** Closes the session with its last bytes (possibly none), proving that the blob has {@code digest}. */
    public void finish(Repo repo, String id, Digest digest, InputStream body) {
        try {
            if (store.uploadSize(id) == 0) {
                // The whole blob in this one request (POST, then PUT with the bytes): hash while
                // streaming instead of writing first and reading back.
                store.put(digest, body);
                store.cancelUpload(id);
            } else {
                appendAt(repo, id, store.uploadSize(id), body);
                store.commit(id, digest);
            }
        } catch (DigestMismatchException e) {
            store.cancelUpload(id);
            sessions.end(id);
            throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage());
        }
        sessions.end(id);
        references.link(repo.id, digest);
    }

    public void cancel(Repo repo, String id) {
        checkSession(repo, id);
        store.cancelUpload(id);
        sessions.end(id);
    }

    /** The session must exist and belong to the repository the request names. */
    public void checkSession(Repo repo, String id) {
        if (id == null || !id.matches("[0-9a-f-]{36}") || !sessions.belongsTo(id, repo.id)) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN);
        }
    }

    /** RANGE_INVALID for a chunk that does not start where the upload ends, telling the client where it does. */
    public static RegistryException outOfOrder(Repo repo, String id, long size) {
        return new RegistryException(ErrorCode.RANGE_INVALID, "chunk out of order; the upload has " + size + " bytes")
                .upload(new RegistryException.UploadPosition(repo.fullName(), id, size));
    }

    /** Where the client sends the next chunk of the session. */
    public static String location(Repo repo, String id) {
        return "/v2/" + repo.fullName() + "/blobs/uploads/" + id;
    }

    /** The bytes received, as the Range header of the registry API states them. */
    public static String range(long size) {
        return "0-" + Math.max(0, size - 1);
    }

    private long appendAt(Repo repo, String id, long offset, InputStream body) {
        try {
            return store.append(id, offset, body);
        } catch (UploadOffsetException e) {
            throw outOfOrder(repo, id, store.uploadSize(id));
        } catch (UnknownUploadException e) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN);
        }
    }
}
