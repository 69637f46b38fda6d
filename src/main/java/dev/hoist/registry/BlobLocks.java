package dev.hoist.registry;

import dev.hoist.storage.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.TreeSet;

/**
 * PostgreSQL advisory locks per blob digest, shared by every copy of Hoist on the database and held
 * until the current transaction ends. Whatever makes a repository reference a blob holds the
 * digest's lock shared (pushes of one digest do not wait for each other); garbage collection
 * takes it exclusively, and only when free, before it drops a reference or removes the blob.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BlobLocks {

    /** The first key of the two-key lock form: keeps these locks apart from any other use. */
    private static final int BLOB_LOCKS = 0x486f6973;

    @Inject
    EntityManager em;

    /**
     * Waits for the shared locks of {@code digests}, in one statement whatever their number, taken
     * in key order so that two takers never deadlock.
     */
    public void share(Collection<String> digests) {
        if (digests.isEmpty()) {
            return;
        }
        TreeSet<Integer> keys = new TreeSet<>();
        digests.forEach(d -> keys.add(key(d)));
        em.createNativeQuery("SELECT count(pg_advisory_xact_lock_shared(?1, k)) FROM "
                + "(SELECT CAST(k AS int) AS k FROM unnest(string_to_array(?2, ',')) AS k ORDER BY 1) AS ordered")
                .setParameter(1, BLOB_LOCKS)
                .setParameter(2, String.join(",", keys.stream().map(String::valueOf).toList())).getSingleResult();
    }

    /** Takes the exclusive lock if nobody holds the digest's lock, without waiting. */
    public boolean tryExclusive(String digest) {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1, ?2)")
                .setParameter(1, BLOB_LOCKS).setParameter(2, key(digest)).getSingleResult();
    }

    /** 32 bits of the digest: two digests that share them only wait for each other, which is harmless. */
    static int key(String digest) {
        return (int) Long.parseLong(Digest.parse(digest).hex().substring(0, 8), 16);
    }
}
