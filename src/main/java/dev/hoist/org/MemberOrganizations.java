package dev.hoist.org;

import dev.hoist.model.Account;
import dev.hoist.model.Organization;
import dev.hoist.platform.Listing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** The organizations an account belongs to (is in one of their teams), by name, a page at a time. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MemberOrganizations {

    private static final String FROM = """
             FROM organizations o JOIN namespaces n ON n.id = o.namespace_id
            WHERE n.deleted_at IS NULL AND EXISTS (SELECT 1 FROM teams t JOIN team_members m ON m.team_id = t.id
                                                   WHERE t.organization_id = o.id AND m.account_id = :account)""";

    @Inject
    EntityManager em;

    public Listing<Organization> of(Account member, int page, int pageSize) {
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + FROM).setParameter("account", member.id)
                .getSingleResult()).longValue();
        return Listing.of(page, pageSize, total, (offset, limit) -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("SELECT o.id" + FROM + " ORDER BY n.name LIMIT " + limit + " OFFSET " + offset)
                    .setParameter("account", member.id).getResultList();
            return Organization.<Organization>find("from Organization o join fetch o.namespace n where o.id in ?1 order by n.name",
                    ids.stream().map(Number::longValue).toList()).list();
        });
    }
}
