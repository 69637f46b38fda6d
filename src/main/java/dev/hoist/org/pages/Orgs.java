package dev.hoist.org.pages;

import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.org.OrgMembers;
import dev.hoist.org.OrgService;
import dev.hoist.platform.Listing;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.repo.RepoLists;
import dev.hoist.web.Paths;
import dev.hoist.web.QuotaResponses;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /orgs/new}, {@code /orgs/{org}} and {@code /orgs/{org}/members}. */
@Path("/orgs")
@Produces(MediaType.TEXT_HTML)
public class Orgs {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance create(String name, FieldErrors errors);

        static native TemplateInstance overview(OrgView view, Listing<Repo> repos, Listing<Account> members);

        static native TemplateInstance members(OrgView view, Listing<Account> members, Map<String, String> teamsOf,
                FieldErrors errors);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    OrgService orgs;

    @Inject
    OrgViews views;

    @Inject
    RepoLists repoLists;

    @Inject
    OrgMembers orgMembers;

    @GET
    @Path("new")
    public TemplateInstance form() {
        currentUser.require();
        return Templates.create("", new FieldErrors());
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name) {
        Account me = currentUser.require();
        try {
            Organization org = orgs.create(me, name);
            return Redirects.to(Paths.org(org), "Created the organization " + org.name() + ". You are its owner.");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.create(name, e.errors())).build();
        } catch (QuotaExceededException e) {
            return QuotaResponses.refused(Templates.create(name, new FieldErrors().add("name", e.getMessage())), e);
        }
    }

    @GET
    @Path("{org}")
    public TemplateInstance overview(@PathParam("org") String name, @QueryParam("page") String page) {
        OrgView view = views.of(name);
        Account me = currentUser.account().orElse(null);
        Listing<Repo> repos = repoLists.inNamespace(me, view.org().namespace, Listing.pageNumber(page));
        // Members see the first page of members here; the Members tab has them all.
        return Templates.overview(view, repos, view.isMember() ? orgMembers.page(view.org(), 1) : null);
    }

    @POST
    @Path("{org}/privacy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response defaultPrivacy(@PathParam("org") String name, @FormParam("privacy") String privacy) {
        OrgView view = views.of(name);
        boolean makePrivate = "private".equals(privacy);
        orgs.setDefaultPrivacy(currentUser.require(), view.org(), makePrivate);
        return Redirects.to(Paths.orgNamed(name, "members"),
                "Repositories pushed to " + name + " will be " + (makePrivate ? "private" : "public") + " when first created.");
    }

    @POST
    @Path("{org}/verified-publisher")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verifiedPublisher(@PathParam("org") String name, @FormParam("verified") String verified) {
        OrgView view = views.of(name);
        boolean on = "true".equals(verified);
        orgs.setVerifiedPublisher(currentUser.require(), view.org(), on);
        return Redirects.to(Paths.orgNamed(name), on ? name + " is now a verified publisher." : name + " is no longer a verified publisher.");
    }

    @GET
    @Path("{org}/members")
    public TemplateInstance members(@PathParam("org") String name, @QueryParam("page") String page) {
        return membersPage(views.forMember(name), Listing.pageNumber(page), new FieldErrors());
    }

    @POST
    @Path("{org}/members/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeMember(@PathParam("org") String name, @FormParam("username") String username) {
        OrgView view = views.forMember(name);
        try {
            orgs.removeFromOrganization(currentUser.require(), view.org(), username);
            return Redirects.to(Paths.orgNamed(name, "members"), username + " is no longer a member of " + name + ".");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(membersPage(views.forMember(name), 1, e.errors())).build();
        }
    }

    @POST
    @Path("{org}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("org") String name, @FormParam("confirm") String confirm) {
        OrgView view = views.forMember(name);
        try {
            int repositories = orgs.delete(currentUser.require(), view.org(), confirm);
            return Redirects.to("/", "The organization " + name + " is deleted" + (repositories == 0 ? "."
                    : ", with its " + repositories + (repositories == 1 ? " repository." : " repositories.")));
        } catch (InvalidInputException e) {
            return Response.status(400).entity(membersPage(view, 1, e.errors())).build();
        }
    }

    /** Owners see every member's teams; a member sees only the teams they belong to themselves. */
    private TemplateInstance membersPage(OrgView view, int page, FieldErrors errors) {
        Listing<Account> members = orgMembers.page(view.org(), page);
        return Templates.members(view, members, orgMembers.teamsOf(members.items(), view.teams()), errors);
    }
}
