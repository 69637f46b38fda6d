package dev.hoist.org;

import dev.hoist.model.Account;
import dev.hoist.model.Organization;
import dev.hoist.model.Team;
import dev.hoist.platform.Listing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An organization's members (everyone in any of its teams), a page at a time, in a fixed number of queries. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrgMembers {

    public static final int PAGE_SIZE = 50;

    private static final String MEMBERS = " FROM accounts a JOIN namespaces n ON n.id = a.namespace_id"
            + " WHERE a.id IN (SELECT m.account_id FROM team_members m JOIN teams t ON t.id = m.team_id"
            + " WHERE t.organization_id = :org)";

    private static final String TEAM_MEMBERS = " FROM accounts a JOIN namespaces n ON n.id = a.namespace_id"
            + " WHERE a.id IN (SELECT m.account_id FROM team_members m WHERE m.team_id = :team)";

    @Inject
    EntityManager em;

    public Listing<Account> page(Organization org, int page) {
        return page(org, page, PAGE_SIZE);
    }

    /** A page of {@code size} members (the API's {@code page_size}, bounded by its caller). */
    public Listing<Account> page(Organization org, int page, int size) {
        return listing(MEMBERS, "org", org.id, page, size);
    }

    /** One team's members, by name. */
    public Listing<Account> ofTeam(Team team, int page) {
        return listing(TEAM_MEMBERS, "team", team.id, page, PAGE_SIZE);
    }

    public Listing<Account> ofTeam(Team team, int page, int size) {
        return listing(TEAM_MEMBERS, "team", team.id, page, size);
    }

    private Listing<Account> listing(String from, String parameter, long id, int page, int size) {
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + from).setParameter(parameter, id)
                .getSingleResult()).longValue();
        return Listing.of(page, size, total, (offset, limit) -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("SELECT a.id" + from + " ORDER BY n.name LIMIT " + limit
                    + " OFFSET " + offset).setParameter(parameter, id).getResultList();
            return Account.<Account>find("from Account a join fetch a.namespace n where a.id in ?1 order by n.name",
                    ids.stream().map(Number::longValue).toList()).list();
        });
    }

    /** For each of {@code members}, the names of the teams among {@code teams} they are in, comma-separated. */
    public Map<String, String> teamsOf(Collection<Account> members, Collection<Team> teams) {
        Map<String, String> teamsOf = new TreeMap<>();
        if (members.isEmpty() || teams.isEmpty()) {
            return teamsOf;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT n.name, string_agg(t.name, ', ' ORDER BY t.name = 'owners' DESC, t.name)
                FROM team_members m JOIN teams t ON t.id = m.team_id
                JOIN accounts a ON a.id = m.account_id JOIN namespaces n ON n.id = a.namespace_id
                WHERE m.account_id IN (:members) AND m.team_id IN (:teams)
                GROUP BY n.name""")
                .setParameter("members", members.stream().map(a -> a.id).toList())
                .setParameter("teams", teams.stream().map(t -> t.id).toList())
                .getResultList();
        rows.forEach(row -> teamsOf.put((String) row[0], (String) row[1]));
        return teamsOf;
    }

    /** How many members each of {@code teams} has, in one query. */
    public Map<Long, Long> counts(Collection<Team> teams) {
        if (teams.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT team_id, count(*) FROM team_members WHERE team_id IN (:teams) GROUP BY team_id")
                .setParameter("teams", teams.stream().map(t -> t.id).toList())
                .getResultList();
        Map<Long, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        return counts;
    }
}
