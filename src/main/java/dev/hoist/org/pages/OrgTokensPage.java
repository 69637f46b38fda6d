package dev.hoist.org.pages;

import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.model.OrganizationToken;
import dev.hoist.org.OrgTokenRules;
import dev.hoist.org.OrgTokenService;
import dev.hoist.web.Paths;
import dev.hoist.web.Redirects;
import dev.hoist.web.RegistryHost;
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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code /orgs/{org}/settings/tokens}: the organization's access tokens, for its owners; anyone
 * else is told there is no such page, as for an organization that does not exist. A new secret is
 * shown once, in the answer to the form, never after a redirect.
 */
@Path("/orgs/{org}/settings/tokens")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class OrgTokensPage {

    /** The access choices of the form, as scopes that build on each other. */
    private static final List<String> PULL = List.of("repo-pull");
    private static final List<String> PUSH = List.of("repo-pull", "repo-push");
    private static final List<String> DELETE = List.of("repo-pull", "repo-push", "repo-delete");

    /** What the form was given, to show it again next to its errors. */
    public record Form(String label, String paths, String access) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(OrgView view, List<OrganizationToken> tokens, String newSecret,
                Form form, FieldErrors errors, String registryHost);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    OrgViews views;

    @Inject
    OrgTokenService service;

    @Inject
    RegistryHost registryHost;

    @Context
    UriInfo uri;

    @PathParam("org")
    String name;

    @GET
    public TemplateInstance page() {
        OrgView view = ownersOnly();
        return page(view, null, new Form("", view.org().name() + "/*", "pull"), new FieldErrors());
    }

    @POST
    public Response create(@FormParam("label") String label, @FormParam("paths") String paths,
            @FormParam("access") String access, @FormParam("expires") String expires) {
        OrgView view = ownersOnly();
        Account me = currentUser.require();
        Form form = new Form(label, paths, access);
        List<String> scopes = switch (access == null ? "" : access) {
            case "push" -> PUSH;
            case "delete" -> DELETE;
            default -> PULL;
        };
        List<OrgTokenRules.Input> resources = Arrays.stream((paths == null ? "" : paths).split("[\\s,]+"))
                .filter(p -> !p.isEmpty()).map(p -> new OrgTokenRules.Input("TYPE_REPO", p, scopes)).toList();
        try {
            OrgTokenService.Created created = service.create(me, view.org(), label, "", resources, expiry(expires));
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(page(view, created.secret(), new Form("", view.org().name() + "/*", "pull"),
                    new FieldErrors())).cacheControl(noStore).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(view, null, form, e.errors())).build();
        }
    }

    @POST
    @Path("revoke")
    public Response revoke(@FormParam("id") String id) {
        OrgView view = ownersOnly();
        UUID uuid;
        try {
            uuid = UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            throw new NotFound();
        }
        boolean revoked = service.revoke(currentUser.require(), view.org(), uuid);
        return Redirects.to(Paths.org(view.org(), "settings/tokens"),
                revoked ? "The token is revoked." : "That token was already revoked.");
    }

    private TemplateInstance page(OrgView view, String secret, Form form, FieldErrors errors) {
        return Templates.tokens(view, OrganizationToken.of(view.org()), secret, form, errors, registryHost.of(uri));
    }

    /** Owners only: 404 for everyone else, members included (the tab is not shown to them either). */
    private OrgView ownersOnly() {
        Account me = currentUser.require();
        OrgView view = views.of(name);
        if (!view.isOwner()) {
            throw new NotFound();
        }
        try {
            service.requireOwner(me, view.org());
        } catch (RuntimeException e) {
            throw new NotFound();
        }
        return view;
    }

    private static Instant expiry(String expires) {
        if (expires == null || expires.isBlank() || "never".equals(expires)) {
            return null;
        }
        try {
            int days = Integer.parseInt(expires);
            return days < 1 || days > 3650 ? Instant.EPOCH : Instant.now().plus(Duration.ofDays(days));
        } catch (NumberFormatException e) {
            return Instant.EPOCH; // refused by the service with its message
        }
    }
}
