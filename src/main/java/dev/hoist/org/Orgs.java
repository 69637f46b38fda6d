package dev.hoist.org;

import dev.hoist.access.Access;
import dev.hoist.access.AccessMode;
import dev.hoist.account.Account;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.repo.Repo;
import dev.hoist.web.CurrentUser;
import dev.hoist.web.FormErrors;
import dev.hoist.web.FormException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code /orgs/new}, {@code /orgs/{org}} and {@code /orgs/{org}/members}. */
@Path("/orgs")
@Produces(MediaType.TEXT_HTML)
public class Orgs {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance create(String name, FormErrors errors);

        static native TemplateInstance overview(OrgView view, List<Repo> repos, List<Account> members);

        static native TemplateInstance members(OrgView view, List<Account> members, java.util.Map<String, String> teamsOf,
                FormErrors errors);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    OrgService orgs;

    @Inject
    OrgViews views;

    @GET
    @Path("new")
    public TemplateInstance form() {
        currentUser.require();
        return Templates.create("", new FormErrors());
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name) {
        Account me = currentUser.require();
        try {
            Organization org = orgs.create(me, name);
            return Redirects.to("/orgs/" + org.name(), "Created the organization " + org.name() + ". You are its owner.");
        } catch (FormException e) {
            return Response.status(400).entity(Templates.create(name, e.errors())).build();
        } catch (QuotaExceededException e) {
            return QuotaResponses.refused(Templates.create(name, new FormErrors().add("name", e.getMessage())), e);
        }
    }

    @GET
    @Path("{org}")
    public TemplateInstance overview(@PathParam("org") String name) {
        OrgView view = views.of(name);
        Account me = currentUser.account().orElse(null);
        List<Repo> repos = Repo.ofNamespace(view.org().namespace).stream()
                .filter(r -> access.permission(me, r).atLeast(AccessMode.READ)).toList();
        return Templates.overview(view, repos, view.isMember() ? members(view.org()) : List.of());
    }

    @POST
    @Path("{org}/privacy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response defaultPrivacy(@PathParam("org") String name, @FormParam("privacy") String privacy) {
        OrgView view = views.of(name);
        boolean makePrivate = "private".equals(privacy);
        orgs.setDefaultPrivacy(currentUser.require(), view.org(), makePrivate);
        return Redirects.to("/orgs/" + name + "/members",
                "Repositories pushed to " + name + " will be " + (makePrivate ? "private" : "public") + " when first created.");
    }

    @POST
    @Path("{org}/verified-publisher")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verifiedPublisher(@PathParam("org") String name, @FormParam("verified") String verified) {
        OrgView view = views.of(name);
        boolean on = "true".equals(verified);
        orgs.setVerifiedPublisher(currentUser.require(), view.org(), on);
        return Redirects.to("/orgs/" + name, on ? name + " is now a verified publisher." : name + " is no longer a verified publisher.");
    }

    @GET
    @Path("{org}/members")
    public TemplateInstance members(@PathParam("org") String name) {
        return membersPage(views.forMember(name), new FormErrors());
    }

    @POST
    @Path("{org}/members/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeMember(@PathParam("org") String name, @FormParam("username") String username) {
        OrgView view = views.forMember(name);
        try {
            orgs.removeFromOrganization(currentUser.require(), view.org(), username);
            return Redirects.to("/orgs/" + name + "/members", username + " is no longer a member of " + name + ".");
        } catch (FormException e) {
            return Response.status(400).entity(membersPage(views.forMember(name), e.errors())).build();
        }
    }

    private TemplateInstance membersPage(OrgView view, FormErrors errors) {
        TreeMap<String, String> teamsOf = new TreeMap<>();
        for (Team team : Team.ofOrganization(view.org())) {
            for (Account member : team.members) {
                if (view.isOwner() || view.teams().stream().anyMatch(t -> t.id.equals(team.id))) {
                    teamsOf.merge(member.username(), team.name, (a, b) -> a + ", " + b);
                }
            }
        }
        return Templates.members(view, members(view.org()), teamsOf, errors);
    }

    static List<Account> members(Organization org) {
        Set<Account> all = Team.ofOrganization(org).stream().flatMap(t -> t.members.stream())
                .collect(Collectors.toCollection(() -> new java.util.TreeSet<>(Comparator.comparing(Account::username))));
        return List.copyOf(all);
    }
}
