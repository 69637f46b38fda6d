package dev.hoist.platform;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Token buckets in PostgreSQL: {@code capacity} requests at once, refilled at {@code capacity} per
 * {@code window}. Taking a token is one UPSERT, so a parallel burst on any number of copies of
 * Hoist gets exactly what is left, never more.
 */
@ApplicationScoped
public class RateLimiter {

    /** One limit: at most {@code capacity} per {@code window}, counted under {@code key}. */
    public record Bucket(String key, int capacity, Duration window) {

        public Bucket {
            capacity = Math.max(1, capacity); // a limit of 0 would divide by zero and lock everyone out
        }

        double perSecond() {
            return capacity / (double) Math.max(1, window.toSeconds());
        }
    }

    @Inject
    EntityManager em;

    @Inject
    TransactionManager transactions;

    /**
     * Takes one token from every bucket, or from none of them.
     *
     * @return empty when granted, else the moment every bucket has a token again
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Instant> take(List<Bucket> buckets) {
        List<Bucket> ordered = buckets.stream().sorted(Comparator.comparing(Bucket::key)).distinct().toList();
        Optional<Instant> empty = alreadyEmpty(ordered);
        if (empty.isPresent()) {
            return empty; // the bulk of a burst: refused without queueing for the rows' locks
        }
        Instant retryAt = null;
        // Always lock rows in the same order: two requests sharing buckets cannot deadlock.
        for (Bucket bucket : ordered) {
            Object[] row = (Object[]) em.createNativeQuery(UPSERT)
                    .setParameter(1, bucket.key())
                    .setParameter(2, (double) bucket.capacity())
                    .setParameter(3, bucket.perSecond())
                    .getSingleResult();
            if (!(Boolean) row[0]) {
                double missing = 1 - ((Number) row[1]).doubleValue();
                Instant at = Instant.now().plusMillis((long) Math.ceil(missing / bucket.perSecond() * 1000));
                retryAt = retryAt == null || at.isAfter(retryAt) ? at : retryAt;
            }
        }
        if (retryAt != null) {
            giveBack();
        }
        return Optional.ofNullable(retryAt);
    }

    /**
     * A read without locks: a bucket seen empty stays empty until time refills it, so refusing on
     * it is safe; a bucket seen with tokens is decided by the UPSERT.
     */
    private Optional<Instant> alreadyEmpty(List<Bucket> buckets) {
        Instant retryAt = null;
        for (Bucket bucket : buckets) {
            List<?> rows = em.createNativeQuery("SELECT " + refill("?1", "?2") + " FROM rate_buckets b WHERE b.key = ?3")
                    .setParameter(1, (double) bucket.capacity())
                    .setParameter(2, bucket.perSecond())
                    .setParameter(3, bucket.key())
                    .getResultList();
            if (!rows.isEmpty() && ((Number) rows.get(0)).doubleValue() < 1) {
                Instant at = Instant.now().plusMillis((long) Math.ceil((1 - ((Number) rows.get(0)).doubleValue()) / bucket.perSecond() * 1000));
                retryAt = retryAt == null || at.isAfter(retryAt) ? at : retryAt;
            }
        }
        return Optional.ofNullable(retryAt);
    }

    /** A refused request takes nothing from the buckets that had room. */
    private void giveBack() {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets buckets that are full again: a missing row is a full bucket. */
    @Scheduled(every = "1h", delayed = "2m")
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM rate_buckets WHERE full_at < now()").executeUpdate();
    }

    /** What bucket row {@code b} holds now, given the parameters for its capacity and rate. */
    private static String refill(String capacity, String perSecond) {
        return "LEAST(CAST(" + capacity + " AS double precision), b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at))"
                + " * CAST(" + perSecond + " AS double precision))";
    }

    // ?1 key, ?2 capacity, ?3 tokens per second.
    private static final String UPSERT = """
            INSERT INTO rate_buckets AS b (key, tokens, updated_at, granted, full_at)
            VALUES (?1, CAST(?2 AS double precision) - 1, now(), CAST(?2 AS double precision) >= 1,
                    now() + make_interval(secs => 1 / CAST(?3 AS double precision)))
            ON CONFLICT (key) DO UPDATE SET
                tokens = CASE WHEN %1$s >= 1 THEN %1$s - 1 ELSE %1$s END,
                granted = %1$s >= 1,
                updated_at = GREATEST(b.updated_at, now()),
                full_at = GREATEST(b.updated_at, now()) + make_interval(secs =>
                    (CAST(?2 AS double precision) - CASE WHEN %1$s >= 1 THEN %1$s - 1 ELSE %1$s END) / CAST(?3 AS double precision))
            RETURNING granted, tokens
            """.formatted(refill("?2", "?3"));
}
