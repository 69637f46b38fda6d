package dev.hoist.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each manifest and tag was last pulled (Docker Hub's {@code tag_last_pulled}, and what the
 * "not pulled for D days" retention rule reads). A write per pull would double a pull's cost for
 * a value read in days, so each copy of Hoist writes a manifest's or a tag's time at most once a
 * minute, without waiting for the disk ({@link RelaxedCommit}).
 */
@ApplicationScoped
public class PullTimes {

    static final long QUIET_MILLIS = 60_000;
    private static final int MAX_KEYS = 100_000;

    private final ConcurrentHashMap<String, Long> lastWritten = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    /** A pull of the manifest, by {@code tag} (or by digest: null). */
    @Transactional
    public void pulled(long repoId, long manifestId, String tag) {
        long now = System.currentTimeMillis();
        boolean manifestDue = due("m" + manifestId, now);
        boolean tagDue = tag != null && due("t" + repoId + ":" + tag, now);
        if (!manifestDue && !tagDue) {
            return;
        }
        RelaxedCommit.forThisTransaction(em);
        if (manifestDue) {
            em.createNativeQuery("UPDATE manifests SET last_pulled_at = now() WHERE id = ?1").setParameter(1, manifestId)
                    .executeUpdate();
        }
        if (tagDue) {
            em.createNativeQuery("UPDATE tags SET last_pulled_at = now() WHERE repository_id = ?1 AND name = ?2")
                    .setParameter(1, repoId).setParameter(2, tag).executeUpdate();
        }
    }

    /** Whether the key's time is due for a write now; if so, the write is counted as done. */
    private boolean due(String key, long now) {
        if (lastWritten.size() > MAX_KEYS) {
            lastWritten.clear();
        }
        boolean[] due = { false };
        lastWritten.compute(key, (k, last) -> {
            if (last != null && now - last < QUIET_MILLIS) {
                return last;
            }
            due[0] = true;
            return now;
        });
        return due[0];
    }

    /** Tests: forget what was written, so the next pull writes again. */
    public void forget() {
        lastWritten.clear();
    }
}
