package dev.hoist.org.pages;

import dev.hoist.access.Access;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        Organization org = Organization.findByName(name).orElseThrow(NotFound::new);
        Account me = currentUser.account().orElse(null);
        boolean owner = access.isOwner(me, org);
        boolean member = access.isMember(me, org);
        return new OrgView(org, owner, member, access.teamsVisibleTo(me, org), access.isSiteAdmin(me));
    }

    /** Members and owners only (member lists and teams are not public); anyone else gets 404. */
    public OrgView forMember(String name) {
        currentUser.require();
        OrgView view = of(name);
        if (!view.isMember()) {
            throw new NotFound();
        }
        return view;
    }
}
