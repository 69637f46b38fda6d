package dev.hoist.repo.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.api.ApiBody;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiPage;
import dev.hoist.model.AccessMode;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.model.Repo;
import dev.hoist.model.Team;
import dev.hoist.model.TeamPermission;
import dev.hoist.platform.Listing;
import dev.hoist.repo.RepoService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;

/**
 * {@code /v2/repositories/{ns}/{name}/groups/[{id}/]}: the teams' permissions on an organization's
 * repository, as the Terraform provider manages them (docker/terraform-provider-docker,
 * internal/hubclient/client_repository.go: {@code {group_id, group_name, permission}}, permission
 * {@code read}, {@code write} or {@code admin}). The repository's Admins manage them
 * ({@link RepoService#grantTeam} decides and fires the events); a team is named by its number.
 */
@Path("/v2/repositories/{namespace}/{name}/groups")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryGroups {

    /** One team's permission, in Docker Hub's fields. */
    public record GroupPermission(@JsonProperty("group_id") long groupId, @JsonProperty("group_name") String groupName,
            String permission) {

        static GroupPermission of(TeamPermission grant) {
            return new GroupPermission(grant.team.id, grant.team.name, grant.permission.name().toLowerCase(Locale.ROOT));
        }
    }

    @Inject
    ApiCallers callers;

    @Inject
    Access access;

    @Inject
    RepoService repos;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @GET
    public ApiPage<GroupPermission> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            @Context UriInfo uri) {
        Repo repo = admin(callers.signedIn());
        List<TeamPermission> all = TeamPermission.ofRepo(repo);
        int asked = ApiPage.number(page);
        Listing<TeamPermission> listing = Listing.of(asked, ApiPage.size(pageSize), all.size(),
                (offset, limit) -> all.subList(offset, Math.min(all.size(), offset + limit)));
        return ApiPage.of(listing, asked, uri, GroupPermission::of);
    }

    /** {@code {group_id, permission}}: 201 with the permission; giving it again changes it. */
    @POST
    public Response grant(String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        Long groupId = body.number("group_id");
        String permission = body.required("permission", 10);
        body.check();
        Repo repo = admin(caller);
        Team team = teamOf(repo, groupId).orElseThrow(
                () -> InvalidInputException.of("group_id", "There is no such team in " + repo.namespace.name + "."));
        repos.grantTeam(caller.account(), repo, team.name, permission);
        return Response.status(201).entity(current(repo, team)).build();
    }

    @GET
    @Path("{id}")
    public GroupPermission get(@PathParam("id") String id) {
        Repo repo = admin(callers.signedIn());
        return current(repo, team(repo, id));
    }

    /** {@code {permission}} (the provider also sends {@code group_id: 0}: the path names the team). */
    @PATCH
    @Path("{id}")
    public GroupPermission change(@PathParam("id") String id, String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        String permission = body.required("permission", 10);
        body.check();
        Repo repo = admin(caller);
        Team team = team(repo, id);
        current(repo, team); // only a permission that exists is changed
        repos.grantTeam(caller.account(), repo, team.name, permission);
        // What was granted (this request's earlier read of the grant would be stale).
        return new GroupPermission(team.id, team.name, RepoService.parseGrant(permission).name().toLowerCase(Locale.ROOT));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        Caller caller = callers.signedIn();
        Repo repo = admin(caller);
        Team team = team(repo, id);
        current(repo, team);
        repos.revokeTeam(caller.account(), repo, team.name);
        return Response.noContent().build();
    }

    /** 404 for a repository the caller may not read, exactly as for a missing one; 403 below Admin. */
    private Repo admin(Caller caller) {
        return access.require(caller, namespace, name, AccessMode.ADMIN);
    }

    private static GroupPermission current(Repo repo, Team team) {
        return TeamPermission.find(team, repo).map(GroupPermission::of).orElseThrow(NotFound::new);
    }

    /** The team of the path: a number naming a team of the repository's organization, or 404. */
    private static Team team(Repo repo, String id) {
        if (id == null || id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            throw new NotFound();
        }
        return teamOf(repo, Long.parseLong(id)).orElseThrow(NotFound::new);
    }

    private static java.util.Optional<Team> teamOf(Repo repo, Long id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        return Team.<Team>findByIdOptional(id).filter(t -> t.organization.namespace.id.equals(repo.namespace.id));
    }
}
