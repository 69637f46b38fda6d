package dev.hoist.storage;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The blob tree of a {@link FilesystemBlobStore}, {@code <root>/sha256/ab/abcdef…}: where a blob
 * lives, the listing of all of them, and the careful removal that garbage collection uses.
 */
final class BlobFolder {

    private final Path root;
    /** On the blobs' filesystem, so that taking a blob aside is one rename. */
    private final Path scratch;

    BlobFolder(Path root, Path scratch) {
        this.root = root;
        this.scratch = scratch;
    }

    Path path(Digest digest) {
        String hex = digest.hex();
        return root.resolve(digest.algorithm().label()).resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** Walks the tree lazily; names that are no digest (an editor's backup, say) are skipped. */
    Stream<Digest> digests() {
        return Arrays.stream(Digest.Algorithm.values())
                .flatMap(algorithm -> list(root.resolve(algorithm.label()))
                        .flatMap(BlobFolder::list)
                        .map(file -> parse(algorithm, file.getFileName().toString()))
                        .flatMap(Stream::ofNullable));
    }

    /**
     * A blob is stored again by renaming a fresh file over it, so its modification time tells
     * when it was last stored. Checking that time and then unlinking would race with such a
     * rename (the fresh file would go), so the blob is first renamed aside, which takes whichever
     * file is there at that instant, and checked again there: a fresh one is put back.
     */
    boolean deleteIfStoredBefore(Digest digest, Instant cutoff) {
        Path path = path(digest);
        try {
            if (!storedBefore(path, cutoff)) {
                return false;
            }
            Path aside = scratch.resolve("gc-" + UUID.randomUUID() + ".tmp");
            try {
                Files.move(path, aside, ATOMIC_MOVE);
            } catch (NoSuchFileException alreadyGone) {
                return false;
            }
            if (storedBefore(aside, cutoff)) {
                Files.delete(aside);
                return true;
            }
            // Same digest, same bytes: replacing a copy that landed meanwhile changes nothing.
            Files.move(aside, path, ATOMIC_MOVE);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean storedBefore(Path path, Instant cutoff) throws IOException {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Digest parse(Digest.Algorithm algorithm, String name) {
        try {
            return Digest.parse(algorithm.label() + ":" + name);
        } catch (InvalidDigestException notABlob) {
            return null;
        }
    }

    /** The folder's entries, or none if it does not exist (yet). */
    private static Stream<Path> list(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Stream.empty();
        }
        try {
            return Files.list(folder);
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
