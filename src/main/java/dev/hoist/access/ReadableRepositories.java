package dev.hoist.access;

import dev.hoist.model.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Which repositories a caller may read, as a SQL condition on {@code repositories r}, so that a
 * search filters a million rows in the database instead of asking {@link Access} row by row.
 *
 * <p>{@link #of} mirrors {@code Access.permission(who, repo).atLeast(READ)}: public repositories
 * for everyone; for a signed-in user also those of their own namespace, of organizations whose
 * owners team they are in, those they collaborate on and those any of their teams has a grant on;
 * every repository for site administrators. The unverified-email cap never lowers Read, so it does
 * not appear. {@link #LIVE} mirrors {@code Access.readable}'s rule that a deleted namespace's
 * repositories do not exist. {@link #readablePrivate} is the private half of {@link #of} on its
 * own. VisibilityTest proves the SQL and Access agree on every repository. Change them together.
 */
@ApplicationScoped
public class ReadableRepositories {

    /** A condition on alias {@code r} and the named parameters it uses. */
    public record Filter(String sql, Map<String, Object> params) {
    }

    /**
     * The other half: a deleted namespace's repositories do not exist for anyone, site
     * administrators included. Searches apply it once to their candidates.
     */
    public static final String LIVE = "r.namespace_id NOT IN (SELECT id FROM namespaces WHERE deleted_at IS NOT NULL)";

    @Inject
    Access access;

    public Filter of(Account who) {
        if (who == null) {
            return new Filter("NOT r.private", Map.of());
        }
        if (access.isSiteAdmin(who)) {
            return new Filter("TRUE", Map.of());
        }
        String sql = """
                (NOT r.private
                 OR r.namespace_id = :viewer_namespace
                 OR r.namespace_id IN (SELECT o.namespace_id FROM organizations o
                                       JOIN teams t ON t.organization_id = o.id AND t.name = 'owners'
                                       JOIN team_members m ON m.team_id = t.id
                                       WHERE m.account_id = :viewer)
                 OR r.id IN (SELECT c.repository_id FROM collaborators c WHERE c.account_id = :viewer)
                 OR r.id IN (SELECT tp.repository_id FROM team_permissions tp
                             JOIN team_members m ON m.team_id = tp.team_id
                             WHERE m.account_id = :viewer))""";
        return new Filter(sql, Map.of("viewer", who.id, "viewer_namespace", who.namespace.id));
    }

    /** Whether {@code who} reads every repository (site administrators), so that public results plus theirs are not enough. */
    public boolean readsEverything(Account who) {
        return access.isSiteAdmin(who);
    }

    /**
     * The ids of the private repositories a signed-in user who is not a site administrator may
     * read, as a query (the private half of {@link #of}, each branch through its own index): few
     * for most people, so a search can add them to the public results everyone shares.
     */
    public Filter readablePrivate(Account who) {
        String sql = """
                SELECT r.id FROM repositories r WHERE r.namespace_id = :viewer_namespace AND r.private
                UNION SELECT r.id FROM repositories r
                      JOIN organizations o ON o.namespace_id = r.namespace_id
                      JOIN teams t ON t.organization_id = o.id AND t.name = 'owners'
                      JOIN team_members m ON m.team_id = t.id
                      WHERE m.account_id = :viewer AND r.private
                UNION SELECT c.repository_id FROM collaborators c JOIN repositories r ON r.id = c.repository_id
                      WHERE c.account_id = :viewer AND r.private
                UNION SELECT tp.repository_id FROM team_permissions tp JOIN team_members m ON m.team_id = tp.team_id
                      JOIN repositories r ON r.id = tp.repository_id
                      WHERE m.account_id = :viewer AND r.private""";
        return new Filter(sql, Map.of("viewer", who.id, "viewer_namespace", who.namespace.id));
    }
}
