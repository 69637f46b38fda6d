package dev.hoist.repo;

import dev.hoist.access.ReadableRepositories;
import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.model.Repo;
import dev.hoist.platform.Listing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Lists of repositories as one viewer may see them, a page at a time. What the viewer may read is
 * the {@link ReadableRepositories} condition inside the query, so a page costs three queries
 * (count, ids, rows with their namespaces) however many repositories the list holds.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RepoLists {

    public static final int PAGE_SIZE = 25;

    @Inject
    EntityManager em;

    @Inject
    ReadableRepositories readable;

    /** A namespace's repositories, most recently changed first. */
    public Listing<Repo> inNamespace(Account viewer, Namespace namespace, int page) {
        return inNamespace(viewer, namespace, page, PAGE_SIZE);
    }

    /** The same with pages of {@code pageSize} (the JSON API lets its clients choose). */
    public Listing<Repo> inNamespace(Account viewer, Namespace namespace, int page, int pageSize) {
        return inNamespace(viewer, namespace, page, pageSize, Order.NEWEST);
    }

    /** Orders of a namespace's list, as Docker Hub's {@code ordering} names them. */
    public enum Order {
        NEWEST("coalesce(r.last_pushed_at, r.updated_at) DESC, r.id DESC"),
        OLDEST("coalesce(r.last_pushed_at, r.updated_at), r.id"),
        NAME("r.name COLLATE \"C\""), NAME_DESC("r.name COLLATE \"C\" DESC"),
        PULLS("r.pull_count, r.id"), PULLS_DESC("r.pull_count DESC, r.id DESC");

        final String sql;

        Order(String sql) {
            this.sql = sql;
        }

        /** {@code last_updated}, {@code -last_updated} (absent: this), {@code name}, {@code -name}, {@code pull_count}, {@code -pull_count}; else empty. */
        public static java.util.Optional<Order> of(String ordering) {
            return java.util.Optional.ofNullable(switch (ordering == null ? "-last_updated" : ordering) {
                case "-last_updated" -> NEWEST;
                case "last_updated" -> OLDEST;
                case "name" -> NAME;
                case "-name" -> NAME_DESC;
                case "pull_count" -> PULLS;
                case "-pull_count" -> PULLS_DESC;
                default -> null;
            });
        }
    }

    public Listing<Repo> inNamespace(Account viewer, Namespace namespace, int page, int pageSize, Order order) {
        ReadableRepositories.Filter filter = readable.of(viewer);
        String from = " FROM repositories r WHERE r.namespace_id = :namespace AND " + filter.sql();
        return listing(from, order.sql, filter, Map.of("namespace", namespace.id), page, pageSize);
    }

    /** What {@code owner} starred, newest star first, leaving out what the viewer may not read or what was deleted. */
    public Listing<Repo> starredBy(Account viewer, Account owner, int page) {
        ReadableRepositories.Filter filter = readable.of(viewer);
        String from = " FROM stars s JOIN repositories r ON r.id = s.repository_id WHERE s.account_id = :owner AND "
                + ReadableRepositories.LIVE + " AND " + filter.sql();
        return listing(from, "s.created_at DESC, s.id DESC", filter, Map.of("owner", owner.id), page, PAGE_SIZE);
    }

    private Listing<Repo> listing(String from, String order, ReadableRepositories.Filter filter,
            Map<String, Object> params, int page, int pageSize) {
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*)" + from), filter, params)
                .getSingleResult()).longValue();
        return Listing.of(page, pageSize, total, (offset, limit) -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = bind(em.createNativeQuery("SELECT r.id" + from + " ORDER BY " + order
                    + " LIMIT " + limit + " OFFSET " + offset), filter, params).getResultList();
            List<Long> idsInOrder = ids.stream().map(Number::longValue).toList();
            List<Repo> rows = Repo.<Repo>find("from Repo r join fetch r.namespace where r.id in ?1", idsInOrder).list();
            return rows.stream().sorted(Comparator.comparingInt(r -> idsInOrder.indexOf(r.id))).toList();
        });
    }

    private static Query bind(Query query, ReadableRepositories.Filter filter, Map<String, Object> params) {
        filter.params().forEach(query::setParameter);
        params.forEach(query::setParameter);
        return query;
    }
}
