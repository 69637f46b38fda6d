package dev.hoist.org.api;

import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.api.ApiBody;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiPage;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Forbidden;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Team;
import dev.hoist.org.OrgMembers;
import dev.hoist.org.OrgService;
import dev.hoist.platform.Listing;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/orgs/{org}/groups/…}: an organization's teams, read by hub-tool and managed by the
 * Terraform provider (docker/terraform-provider-docker, internal/hubclient/client_organization.go).
 * A team the caller may not see ({@link Access#teamsVisibleTo}) is not found, exactly as a missing
 * one; changes are the owners' ({@link OrgService} enforces it and fires the events).
 */
@Path("/v2/orgs/{org}/groups")
@Produces(MediaType.APPLICATION_JSON)
public class OrgTeams {

    @Inject
    ApiCallers callers;

    @Inject
    Access access;

    @Inject
    OrgMembers members;

    @Inject
    OrgService orgs;

    @PathParam("org")
    String name;

    @GET
    public ApiPage<OrgJson.Group> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            @Context UriInfo uri) {
        Account who = callers.account();
        Organization org = organization();
        if (!access.isMember(who, org)) {
            throw new Forbidden();
        }
        List<Team> teams = access.teamsVisibleTo(who, org);
        Map<Long, Long> counts = members.counts(teams);
        int asked = ApiPage.number(page);
        Listing<Team> listing = Listing.of(asked, ApiPage.size(pageSize), teams.size(),
                (offset, limit) -> teams.subList(offset, Math.min(teams.size(), offset + limit)));
        return ApiPage.of(listing, asked, uri, t -> OrgJson.Group.of(t, counts.getOrDefault(t.id, 0L)));
    }

    /** {@code {name, description}} (the provider also sends {@code id}, {@code uuid}, {@code member_count}: ignored). 201. */
    @POST
    public Response create(String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        String teamName = body.required("name", 30);
        String description = body.text("description", 200, false).orElse("");
        body.check();
        Organization org = organization();
        owner(caller, org);
        Team team = orgs.createTeam(caller.account(), org, teamName, description, false);
        return Response.status(201).entity(OrgJson.Group.of(team, 0)).build();
    }

    @GET
    @Path("{team}")
    public OrgJson.Group get(@PathParam("team") String teamName) {
        Team team = visible(callers.account(), teamName);
        return OrgJson.Group.of(team, members.counts(List.of(team)).getOrDefault(team.id, 0L));
    }

    /** {@code {name, description}}: the team is named by its old name in the path, its new one in the body. */
    @PATCH
    @Path("{team}")
    public OrgJson.Group update(@PathParam("team") String teamName, String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        var newName = body.text("name", 30, false);
        var description = body.text("description", 200, false);
        body.check();
        Team team = managed(caller, teamName);
        String renamed = newName.filter(n -> !n.isEmpty()).orElse(team.name);
        Team saved = orgs.editTeam(caller.account(), team, renamed, description.orElse(team.description),
                team.canCreateRepositories);
        return OrgJson.Group.of(saved, members.counts(List.of(saved)).getOrDefault(saved.id, 0L));
    }

    @DELETE
    @Path("{team}")
    public Response delete(@PathParam("team") String teamName) {
        Caller caller = callers.signedIn();
        orgs.deleteTeam(caller.account(), managed(caller, teamName));
        return Response.noContent().build();
    }

    /**
     * The team's members. The Terraform provider and today's hub-tool read Docker Hub's page
     * ({@code count}, {@code next}, {@code results}); hub-tool up to v0.4 read a plain list and
     * asks without {@code page}: it still gets one.
     */
    @GET
    @Path("{team}/members")
    public Object teamMembers(@PathParam("team") String teamName, @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize, @Context UriInfo uri, @Context HttpHeaders headers) {
        Team team = visible(callers.account(), teamName);
        if (page == null && pageSize == null && !fromTerraform(headers)) {
            return everyMember(team);
        }
        int asked = ApiPage.number(page);
        return ApiPage.of(members.ofTeam(team, asked, ApiPage.size(pageSize)), asked, uri, OrgJson.Member::of);
    }

    /** {@code {member}}: a username. Adding someone already in the team changes nothing and answers the same. */
    @POST
    @Path("{team}/members")
    public OrgJson.Member addMember(@PathParam("team") String teamName, String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        String member = body.required("member", 255);
        body.check();
        Team team = managed(caller, teamName);
        try {
            orgs.addMember(caller.account(), team, member);
        } catch (InvalidInputException e) {
            throw renamed(e, "username", "member");
        }
        return OrgJson.Member.of(Account.findByUsername(member.trim().toLowerCase()).orElseThrow(NotFound::new));
    }

    @DELETE
    @Path("{team}/members/{user}")
    public Response removeMember(@PathParam("team") String teamName, @PathParam("user") String user) {
        Caller caller = callers.signedIn();
        Team team = managed(caller, teamName);
        if (team.members.stream().noneMatch(m -> m.username().equals(user))) {
            throw new NotFound();
        }
        try {
            orgs.removeMember(caller.account(), team, user);
        } catch (InvalidInputException e) {
            throw renamed(e, "username", "member");
        }
        return Response.noContent().build();
    }

    /** The Terraform provider names itself (internal/hubclient/client.go, roundTripper). */
    private static boolean fromTerraform(HttpHeaders headers) {
        String agent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        return agent != null && agent.startsWith("terraform-provider-docker/");
    }

    private List<OrgJson.Member> everyMember(Team team) {
        List<OrgJson.Member> all = new ArrayList<>();
        Listing<Account> page = members.ofTeam(team, 1);
        all.addAll(page.items().stream().map(OrgJson.Member::of).toList());
        while (page.hasNext()) {
            page = members.ofTeam(team, page.page() + 1);
            all.addAll(page.items().stream().map(OrgJson.Member::of).toList());
        }
        return all;
    }

    /** A team the caller may see: otherwise 404, as for a team that does not exist. */
    private Team visible(Account who, String teamName) {
        Organization org = organization();
        return access.teamsVisibleTo(who, org).stream().filter(t -> t.name.equals(teamName)).findFirst()
                .orElseThrow(NotFound::new);
    }

    /** A team the caller may see and change: 404 when they may not see it, 403 when they may only see it. */
    private Team managed(Caller caller, String teamName) {
        Team team = visible(caller.account(), teamName);
        owner(caller, team.organization);
        return team;
    }

    private void owner(Caller caller, Organization org) {
        if (!access.canManage(caller, org)) {
            throw new Forbidden();
        }
    }

    private Organization organization() {
        return Organization.findByName(name).orElseThrow(NotFound::new);
    }

    static InvalidInputException renamed(InvalidInputException e, String from, String to) {
        FieldErrors errors = new FieldErrors();
        e.errors().all().forEach((field, message) -> errors.add(field.equals(from) ? to : field, message));
        return new InvalidInputException(errors);
    }
}
