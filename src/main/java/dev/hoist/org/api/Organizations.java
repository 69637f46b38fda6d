package dev.hoist.org.api;

import dev.hoist.access.Access;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiPage;
import dev.hoist.model.Account;
import dev.hoist.model.Forbidden;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Team;
import dev.hoist.org.OrgMembers;
import dev.hoist.platform.Listing;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/orgs/{org}[/members/|/groups/[{team}/members/]]}: what hub-tool reads of an
 * organization. Its name and profile are public, as on its page; its members only members see,
 * and its teams whoever {@link Access#teamsVisibleTo} lets see them (owners all, members their own).
 */
@Path("/v2/orgs/{org}")
@Produces(MediaType.APPLICATION_JSON)
public class Organizations {

    @Inject
    ApiCallers callers;

    @Inject
    Access access;

    @Inject
    OrgMembers members;

    @PathParam("org")
    String name;

    @GET
    public OrgJson.Org get() {
        callers.caller(); // wrong credentials are refused here too
        return OrgJson.Org.of(organization());
    }

    /** Members, by name, in pages of {@link OrgMembers#PAGE_SIZE} ({@code page_size} is not followed). */
    @GET
    @Path("members")
    public ApiPage<OrgJson.Member> members(@QueryParam("page") String page, UriInfo uri) {
        Account who = callers.account();
        Organization org = organization();
        if (!access.isMember(who, org)) {
            throw new Forbidden();
        }
        int asked = ApiPage.number(page);
        return ApiPage.of(members.page(org, asked), asked, uri, OrgJson.Member::of);
    }

    @GET
    @Path("groups")
    public ApiPage<OrgJson.Group> groups(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            UriInfo uri) {
        Account who = callers.account();
        Organization org = organization();
        if (!access.isMember(who, org)) {
            throw new Forbidden();
        }
        List<Team> teams = access.teamsVisibleTo(who, org);
        Map<Long, Long> counts = members.counts(teams);
        int asked = ApiPage.number(page);
        int size = ApiPage.size(pageSize);
        Listing<Team> listing = Listing.of(asked, size, teams.size(),
                (offset, limit) -> teams.subList(offset, Math.min(teams.size(), offset + limit)));
        return ApiPage.of(listing, asked, uri, t -> OrgJson.Group.of(t, counts.getOrDefault(t.id, 0L)));
    }

    /** A team's members as a plain list, as hub-tool reads them; a team the caller may not see is not found. */
    @GET
    @Path("groups/{team}/members")
    public List<OrgJson.Member> teamMembers(@PathParam("team") String teamName) {
        Account who = callers.account();
        Organization org = organization();
        Team team = access.teamsVisibleTo(who, org).stream().filter(t -> t.name.equals(teamName)).findFirst()
                .orElseThrow(NotFound::new);
        List<OrgJson.Member> all = new ArrayList<>();
        Listing<Account> page = members.ofTeam(team, 1);
        all.addAll(page.items().stream().map(OrgJson.Member::of).toList());
        while (page.hasNext()) {
            page = members.ofTeam(team, page.page() + 1);
            all.addAll(page.items().stream().map(OrgJson.Member::of).toList());
        }
        return all;
    }

    private Organization organization() {
        return Organization.findByName(name).orElseThrow(NotFound::new);
    }
}
