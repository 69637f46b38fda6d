package dev.hoist.registry;

import jakarta.persistence.EntityManager;

/**
 * Upload sessions and pull counts are not worth a disk flush per request: the current
 * transaction's commit does not wait for the write-ahead log. A crash may forget its last fraction
 * of a second (a client then restarts its upload, a pull goes uncounted), never corrupt anything.
 * Blob references, manifests and tags keep waiting, so a 201 is always durable.
 */
final class RelaxedCommit {

    private RelaxedCommit() {
    }

    static void forThisTransaction(EntityManager em) {
        em.createNativeQuery("SELECT set_config('synchronous_commit', 'off', true)").getSingleResult();
    }
}
