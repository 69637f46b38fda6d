package dev.hoist.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random keys made on first start and kept in the database, so that every copy of Hoist,
 * before and after a restart, signs and reads the same cookies and tokens.
 */
@ApplicationScoped
public class ServerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    /** The secret called {@code name}, created with {@code length} random bytes if none exists yet. */
    public byte[] get(String name, int length) {
        return cache.computeIfAbsent(name, n -> QuarkusTransaction.requiringNew().call(() -> loadOrCreate(n, length)));
    }

    private byte[] loadOrCreate(String name, int length) {
        byte[] candidate = new byte[length];
        RANDOM.nextBytes(candidate);
        // Two copies starting at once both insert; the first wins and both read its value.
        em.createNativeQuery("INSERT INTO server_secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")
                .setParameter(1, name)
                .setParameter(2, candidate)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<byte[]> values = em.createNativeQuery("SELECT value FROM server_secrets WHERE name = ?1")
                .setParameter(1, name)
                .getResultList();
        return values.get(0);
    }
}
