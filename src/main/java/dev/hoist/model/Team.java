package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A group of an organization's members; the {@code owners} team administers everything. */
@Entity
@Table(name = "teams")
public class Team extends PanacheEntityBase {

    public static final String OWNERS = "owners";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "organization_id")
    public Organization organization;

    public String name;

    public String description = "";

    @Column(name = "can_create_repositories")
    public boolean canCreateRepositories;

    @ManyToMany
    @JoinTable(name = "team_members", joinColumns = @JoinColumn(name = "team_id"),
            inverseJoinColumns = @JoinColumn(name = "account_id"))
    public Set<Account> members = new HashSet<>();

    /** The team's page. */
    public String path() {
        return "/orgs/" + organization.name() + "/teams/" + name;
    }

    public boolean isOwners() {
        return OWNERS.equals(name);
    }

    public boolean hasMember(Account account) {
        return account != null && members.stream().anyMatch(m -> m.id.equals(account.id));
    }

    public static List<Team> ofOrganization(Organization org) {
        return list("organization = ?1 order by case when name = 'owners' then 0 else 1 end, name", org);
    }

    public static Optional<Team> findByName(Organization org, String name) {
        return find("organization = ?1 and name = ?2", org, name).firstResultOptional();
    }

    public static List<Team> ofMember(Organization org, Account account) {
        return list("select t from Team t join t.members m where t.organization = ?1 and m.id = ?2 order by t.name",
                org, account.id);
    }
}
