package dev.hoist.model;

import dev.hoist.platform.Listing;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;

/** Read, Write or Admin given to a team on one of its organization's repositories. */
@Entity
@Table(name = "team_permissions")
public class TeamPermission extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "team_id")
    public Team team;

    @ManyToOne(optional = false)
    @JoinColumn(name = "repository_id")
    public Repo repo;

    @Enumerated(EnumType.STRING)
    public AccessMode permission;

    public static List<TeamPermission> ofRepo(Repo repo) {
        return list("repo = ?1 order by team.name", repo);
    }

    /** Permissions shown on a team's page at a time. */
    public static final int PAGE_SIZE = 50;

    /** One page of a team's permissions by repository name, each with its repository and namespace: two queries. */
    public static Listing<TeamPermission> ofTeam(Team team, int page) {
        return Listing.of(page, PAGE_SIZE, count("team", team), (offset, limit) -> TeamPermission.<TeamPermission>find(
                "from TeamPermission p join fetch p.repo r join fetch r.namespace where p.team = ?1 order by r.name", team)
                .range(offset, offset + limit - 1).list());
    }

    /** Takes the team's permission on the repository away; false if it had none (or a revoke at the same moment won). */
    public static boolean revoke(Team team, Repo repo) {
        return delete("team = ?1 and repo = ?2", team, repo) == 1;
    }

    public static Optional<TeamPermission> find(Team team, Repo repo) {
        return find("team = ?1 and repo = ?2", team, repo).firstResultOptional();
    }
}
