package dev.hoist.org.pages;

import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Repo;
import dev.hoist.model.Team;
import dev.hoist.model.TeamPermission;
import dev.hoist.org.OrgMembers;
import dev.hoist.org.OrgService;
import dev.hoist.platform.Listing;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.web.Paths;
import dev.hoist.web.QuotaResponses;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code /orgs/{org}/teams} and {@code /orgs/{org}/teams/{team}}: teams, their members and their permissions. */
@Path("/orgs/{org}/teams")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class Teams {

    /** Repositories suggested in the permission form; the field takes any other name too. */
    private static final int SUGGESTED_REPOSITORIES = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(OrgView view, Map<Long, Long> memberCounts, FieldErrors errors, String name,
                String description);

        static native TemplateInstance team(OrgView view, Team team, Listing<Account> members, Listing<TeamPermission> grants,
                List<Repo> repos, FieldErrors errors);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    OrgViews views;

    @Inject
    OrgService orgs;

    @Inject
    OrgMembers orgMembers;

    @PathParam("org")
    String orgName;

    @GET
    public TemplateInstance list() {
        return listPage(memberView(), new FieldErrors(), "", "");
    }

    @POST
    public Response create(@FormParam("name") String name, @FormParam("description") String description,
            @FormParam("canCreate") String canCreate) {
        OrgView view = memberView();
        try {
            Team team = orgs.createTeam(currentUser.require(), view.org(), name, description, canCreate != null);
            return Redirects.to(teamPath(team), "Created the team " + team.name + ".");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(listPage(view, e.errors(), name, description)).build();
        } catch (QuotaExceededException e) {
            return QuotaResponses.refused(listPage(view, new FieldErrors().add("name", e.getMessage()), name, description), e);
        }
    }

    private TemplateInstance listPage(OrgView view, FieldErrors errors, String name, String description) {
        return Templates.list(view, orgMembers.counts(view.teams()), errors, name, description);
    }

    @GET
    @Path("{team}")
    public TemplateInstance team(@PathParam("team") String teamName, @QueryParam("members") String membersPage,
            @QueryParam("permissions") String permissionsPage) {
        OrgView view = memberView();
        return teamPage(view, visibleTeam(view, teamName), new FieldErrors(), Listing.pageNumber(membersPage),
                Listing.pageNumber(permissionsPage));
    }

    @POST
    @Path("{team}/members")
    public Response addMember(@PathParam("team") String teamName, @FormParam("username") String username) {
        OrgView view = memberView();
        Team team = visibleTeam(view, teamName);
        try {
            boolean added = orgs.addMember(currentUser.require(), team, username);
            return Redirects.to(teamPath(team), added ? username + " joined the team." : username + " is already a member.");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(teamPage(view, Team.findById(team.id), e.errors())).build();
        }
    }

    @POST
    @Path("{team}/members/remove")
    public Response removeMember(@PathParam("team") String teamName, @FormParam("username") String username) {
        return change(teamName, t -> orgs.removeMember(currentUser.require(), t, username), username + " left the team.");
    }

    @POST
    @Path("{team}/permissions")
    public Response grant(@PathParam("team") String teamName, @FormParam("repository") String repository,
            @FormParam("permission") String permission) {
        return change(teamName, t -> orgs.grant(currentUser.require(), t, repository, permission),
                "The team's permission on " + repository + " is saved.");
    }

    @POST
    @Path("{team}/permissions/remove")
    public Response revoke(@PathParam("team") String teamName, @FormParam("repository") String repository) {
        return change(teamName, t -> Repo.byName(orgName, repository)
                .ifPresent(r -> orgs.revoke(currentUser.require(), t, r)), "The team no longer has access to " + repository + ".");
    }

    @POST
    @Path("{team}/edit")
    public Response edit(@PathParam("team") String teamName, @FormParam("name") String name,
            @FormParam("description") String description, @FormParam("canCreate") String canCreate) {
        OrgView view = memberView();
        Team team = visibleTeam(view, teamName);
        try {
            Team edited = orgs.editTeam(currentUser.require(), team, name, description, canCreate != null);
            return Redirects.to(teamPath(edited), "The team is saved.");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(teamPage(view, team, e.errors())).build();
        }
    }

    @POST
    @Path("{team}/delete")
    public Response delete(@PathParam("team") String teamName) {
        return change(teamName, t -> orgs.deleteTeam(currentUser.require(), t), "Deleted the team " + teamName + ".",
                Paths.orgNamed(orgName, "teams"));
    }

    private Response change(String teamName, Consumer<Team> action, String message) {
        return change(teamName, action, message, null);
    }

    private Response change(String teamName, Consumer<Team> action, String message, String then) {
        OrgView view = memberView();
        Team team = visibleTeam(view, teamName);
        try {
            action.accept(team);
            return Redirects.to(then != null ? then : teamPath(team), message);
        } catch (InvalidInputException e) {
            Team fresh = Team.findById(team.id);
            return Response.status(400).entity(teamPage(view, fresh, e.errors())).build();
        }
    }

    private TemplateInstance teamPage(OrgView view, Team team, FieldErrors errors) {
        return teamPage(view, team, errors, 1, 1);
    }

    private TemplateInstance teamPage(OrgView view, Team team, FieldErrors errors, int membersPage, int permissionsPage) {
        // Suggestions for the repository field; any other repository of the organization may be typed.
        List<Repo> suggestions = view.isOwner() ? Repo.recentOf(view.org().namespace, SUGGESTED_REPOSITORIES) : List.of();
        return Templates.team(view, team, orgMembers.ofTeam(team, membersPage), TeamPermission.ofTeam(team, permissionsPage),
                suggestions, errors);
    }

    /** Teams are seen by owners and by their own members; anyone else gets 404. */
    private Team visibleTeam(OrgView view, String teamName) {
        return view.teams().stream().filter(t -> t.name.equals(teamName)).findFirst().orElseThrow(NotFoundException::new);
    }

    private OrgView memberView() {
        return views.forMember(orgName);
    }

    private String teamPath(Team team) {
        return Paths.team(team);
    }
}
