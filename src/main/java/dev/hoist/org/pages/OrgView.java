package dev.hoist.org.pages;

import dev.hoist.model.Organization;
import dev.hoist.model.Team;
import java.util.List;

/** What a viewer may see of an organization: the teams listed are only those the viewer may see. */
public record OrgView(Organization org, boolean isOwner, boolean isMember, List<Team> teams, boolean isSiteAdmin) {
}
