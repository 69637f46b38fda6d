package dev.hoist.repo.pages;

import dev.hoist.access.Access;
import dev.hoist.auth.CurrentUser;
import dev.hoist.auth.SignInRequired;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.ImmutableTags;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.TagPatterns;
import dev.hoist.model.Team;
import dev.hoist.model.TeamPermission;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.registry.TagProtection;
import dev.hoist.repo.ReadmeRenderer;
import dev.hoist.repo.RepoService;
import dev.hoist.web.Paths;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;

/** {@code /r/{namespace}/{name}/settings}: for Admins of the repository only. */
@Path("/r/{namespace}/{name}/settings")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class RepoSettings {

    /** The description form as typed, and its preview when asked for. */
    public record Draft(String description, String readme, String previewHtml) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(Repo repo, Draft draft, List<Account> collaborators,
                List<TeamPermission> grants, List<Team> teams, FieldErrors errors, ImmutableTags immutable,
                String rulesDraft);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    RepoService repos;

    @Inject
    ReadmeRenderer readmes;

    @Inject
    TagProtection protection;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @GET
    public TemplateInstance page() {
        Repo repo = adminRepo();
        return page(repo, new Draft(repo.shortDescription, repo.readme, null), new FieldErrors());
    }

    @POST
    @Path("description")
    public Response describe(@FormParam("description") String description, @FormParam("readme") String readme,
            @FormParam("action") String action) {
        Repo repo = adminRepo();
        if ("preview".equals(action)) {
            ReadmeRenderer.Rendered preview = readmes.attempt(readme);
            if (preview.refused()) {
                return Response.status(400).entity(page(repo, new Draft(description, readme, null),
                        new FieldErrors().add("readme", preview.problem()))).build();
            }
            return Response.ok(page(repo, new Draft(description, readme, preview.html()), new FieldErrors())).build();
        }
        return change(repo, r -> repos.describe(me(), r, description, readme), "Descriptions saved.",
                new Draft(description, readme, null));
    }

    @POST
    @Path("visibility")
    public Response visibility(@FormParam("visibility") String visibility) {
        boolean makePrivate = "private".equals(visibility);
        return change(adminRepo(), r -> repos.setVisibility(me(), r, makePrivate),
                "The repository is now " + (makePrivate ? "private." : "public."), null);
    }

    /** {@code mutability}: none, all, or some (the tags matching {@code patterns}, one a line). */
    @POST
    @Path("immutability")
    public Response immutability(@FormParam("mutability") String mutability, @FormParam("patterns") String patterns) {
        Repo repo = adminRepo();
        String typed = patterns == null ? "" : patterns;
        try {
            if (!List.of("none", "all", "some").contains(String.valueOf(mutability))) {
                throw InvalidInputException.of("patterns", "Choose which tags are immutable.");
            }
            TagPatterns parsed = TagPatterns.parse("patterns", List.of(typed.split("\\R", -1)));
            if ("some".equals(mutability) && parsed.isEmpty()) {
                throw InvalidInputException.of("patterns", "Give at least one pattern, or make all tags immutable.");
            }
            boolean enabled = "all".equals(mutability) || "some".equals(mutability);
            protection.change(repo, enabled, "some".equals(mutability) ? parsed : TagPatterns.none(), me().username());
            String message = !enabled ? "All tags are mutable." : parsed.isEmpty() || "all".equals(mutability)
                    ? "All tags are immutable." : "Tags matching " + String.join(", ", parsed.list()) + " are immutable.";
            return Redirects.to(repo.path() + "/settings", message);
        } catch (InvalidInputException e) {
            Repo fresh = Repo.findById(repo.id);
            return Response.status(400).entity(page(fresh, new Draft(fresh.shortDescription, fresh.readme, null), e.errors(),
                    typed)).build();
        }
    }

    @POST
    @Path("collaborators")
    public Response addCollaborator(@FormParam("username") String username) {
        return change(adminRepo(), r -> repos.addCollaborator(me(), r, username), username + " can now push and pull.", null);
    }

    @POST
    @Path("collaborators/remove")
    public Response removeCollaborator(@FormParam("username") String username) {
        return change(adminRepo(), r -> repos.removeCollaborator(me(), r, username), username + " is no longer a collaborator.", null);
    }

    @POST
    @Path("teams")
    public Response grantTeam(@FormParam("team") String team, @FormParam("permission") String permission) {
        return change(adminRepo(), r -> {
            repos.grantTeam(me(), r, team, permission);
            return r;
        }, "The team " + team + " has " + permission + " access.", null);
    }

    @POST
    @Path("teams/remove")
    public Response revokeTeam(@FormParam("team") String team) {
        return change(adminRepo(), r -> {
            repos.revokeTeam(me(), r, team);
            return r;
        }, "The team " + team + " no longer has access.", null);
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("confirm") String confirm) {
        Repo repo = adminRepo();
        try {
            repos.delete(me(), repo, confirm);
            return Redirects.to(Paths.profile(repo.namespace.name), "Deleted " + repo.fullName() + ".");
        } catch (InvalidInputException e) {
            return invalid(repo, e, null);
        }
    }

    private Response change(Repo repo, Function<Repo, Repo> action, String message, Draft draft) {
        try {
            Repo changed = action.apply(repo);
            return Redirects.to(changed.path() + "/settings", message);
        } catch (InvalidInputException e) {
            return invalid(repo, e, draft);
        } catch (QuotaExceededException e) {
            return invalid(repo, InvalidInputException.of("visibility", e.getMessage()), draft);
        }
    }

    private Response invalid(Repo repo, InvalidInputException e, Draft draft) {
        Repo fresh = Repo.findById(repo.id);
        Draft shown = draft != null ? draft : new Draft(fresh.shortDescription, fresh.readme, null);
        return Response.status(400).entity(page(fresh, shown, e.errors())).build();
    }

    private TemplateInstance page(Repo repo, Draft draft, FieldErrors errors) {
        return page(repo, draft, errors, null);
    }

    private TemplateInstance page(Repo repo, Draft draft, FieldErrors errors, String rulesDraft) {
        ImmutableTags immutable = protection.of(repo.id);
        List<Account> collaborators = repo.collaborators.stream()
                .sorted(java.util.Comparator.comparing(Account::username)).toList();
        List<Team> teams = Organization.findByNamespace(repo.namespace).map(Team::ofOrganization).orElse(List.of())
                .stream().filter(t -> !t.isOwners()).toList();
        return Templates.settings(repo, draft, collaborators, TeamPermission.ofRepo(repo), teams, errors, immutable,
                rulesDraft != null ? rulesDraft : String.join("\n", immutable.patterns().list()));
    }

    private Account me() {
        return currentUser.require();
    }

    /** Signed-out visitors go to sign in; others without Admin get 404 (private) or 403 (public). */
    private Repo adminRepo() {
        Account me = currentUser.account().orElse(null);
        access.readable(me, namespace, name);
        if (me == null) {
            throw new SignInRequired();
        }
        return access.require(me, namespace, name, AccessMode.ADMIN);
    }
}
