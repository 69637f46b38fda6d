package dev.hoist.org;

import dev.hoist.access.Access;
import dev.hoist.account.Account;
import dev.hoist.web.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.List;

/** Builds {@link OrgView}s for the organization and team pages, so the two share one visibility rule. */
@ApplicationScoped
public class OrgViews {

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    /** The organization as the viewer sees it; 404 if it does not exist. */
    public OrgView of(String name) {
        Organization org = Organization.findByName(name).orElseThrow(NotFoundException::new);
        Account me = currentUser.account().orElse(null);
        boolean owner = access.isOwner(me, org);
        boolean member = access.isMember(me, org);
        // Owners see every team; a member sees only the teams they belong to; outsiders none.
        List<Team> teams = owner ? Team.ofOrganization(org) : member ? Team.ofMember(org, me) : List.of();
        return new OrgView(org, owner, member, teams, access.isSiteAdmin(me));
    }

    /** Members and owners only (member lists and teams are not public); anyone else gets 404. */
    public OrgView forMember(String name) {
        currentUser.require();
        OrgView view = of(name);
        if (!view.isMember()) {
            throw new NotFoundException();
        }
        return view;
    }
}
