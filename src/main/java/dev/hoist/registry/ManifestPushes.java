package dev.hoist.registry;

import dev.hoist.model.ImmutableTagException;
import dev.hoist.model.Repo;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.ManifestPushed;
import dev.hoist.storage.Digest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Pushing a manifest: its bytes are read and hashed, parsed, checked against the blobs and
 * manifests the repository has, then stored and tagged in one transaction that also fires
 * {@link ManifestPushed}.
 */
@ApplicationScoped
public class ManifestPushes {

    /** Manifests are small documents; anything larger is refused before it is read whole. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    @Inject
    ManifestChecks checks;

    @Inject
    BlobReferences references;

    @Inject
    TagRecords tags;

    @Inject
    RepositoryActivity activity;

    @Inject
    TagProtection protection;

    @Inject
    Event<DomainEvent> events;

    /**
     * Stores the manifest of {@code body} under {@code reference}; a digest reference must be the
     * digest of the bytes. {@code pusher} is the pushing account's username, or null.
     */
    public PushedManifest push(Repo repo, ManifestReference reference, String contentType, InputStream body, String pusher)
            throws IOException {
        byte[] content = body.readNBytes(MAX_BYTES + 1);
        if (content.length > MAX_BYTES) {
            throw new RegistryException(ErrorCode.MANIFEST_TOO_BIG, "manifests are limited to 4 MiB");
        }
        Digest claimed = reference.digest();
        Digest.Algorithm algorithm = claimed == null ? Digest.Algorithm.SHA256 : claimed.algorithm();
        String digest = Digest.of(algorithm, algorithm.newMessageDigest().digest(content)).toString();
        if (claimed != null && !claimed.toString().equals(digest)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "the manifest's digest is " + digest);
        }
        ParsedManifest manifest = ParsedManifest.parse(content, contentType);
        // Checked outside the transaction: the checks may read the config blob from the store.
        ParsedManifest described = checks.verify(repo, manifest);
        Optional<String> immutable = reference.byDigest() ? Optional.empty() : protection.of(repo.id).ruleFor(reference.tag());
        QuarkusTransaction.joiningExisting().run(() -> {
            long id = references.saveManifest(repo.id, digest, described, content, pusher);
            // An immutable tag that names another manifest stays; the manifest saved above rolls back with the refusal.
            if (!reference.byDigest() && !tags.tag(repo.id, reference.tag(), id, pusher, immutable.isPresent())) {
                throw new ImmutableTagException(reference.tag(), immutable.orElseThrow());
            }
            activity.pushed(repo.id);
            events.fire(new ManifestPushed(repo.fullName(), reference.tag(), digest, described.mediaType(), pusher,
                    Instant.now()));
        });
        return new PushedManifest(digest, manifest.subject());
    }
}
