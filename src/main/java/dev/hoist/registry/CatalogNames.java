package dev.hoist.registry;

import dev.hoist.access.ReadableRepositories;
import dev.hoist.model.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The names {@code /v2/_catalog} lists: what the caller may read, in name order, a page at a time.
 * What the caller may read is the {@link ReadableRepositories} condition inside the query, so a
 * page is one query however many repositories the caller may not read.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogNames {

    private static final String FULL_NAME = "(n.name || '/' || r.name)";

    @Inject
    EntityManager em;

    @Inject
    ReadableRepositories readable;

    /** Up to {@code limit + 1} names after {@code after}: the one past the limit tells there are more. */
    public List<String> after(Account who, String after, int limit) {
        ReadableRepositories.Filter filter = readable.of(who);
        Query query = em.createNativeQuery("SELECT " + FULL_NAME + " FROM repositories r JOIN namespaces n ON n.id = r.namespace_id"
                + " WHERE n.deleted_at IS NULL AND " + FULL_NAME + " > :after AND " + filter.sql()
                + " ORDER BY " + FULL_NAME + " LIMIT :limit");
        filter.params().forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<String> names = query.setParameter("after", after).setParameter("limit", limit + 1).getResultList();
        return names;
    }
}
