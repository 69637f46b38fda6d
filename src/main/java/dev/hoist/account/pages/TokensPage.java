package dev.hoist.account.pages;

import dev.hoist.account.AccessTokenService;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.AccessToken;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.web.QuotaResponses;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /settings/tokens}: personal access tokens for docker login; a new secret is shown once. */
@Path("/settings/tokens")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TokensPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(Account account, List<AccessToken> tokens, String newSecret,
                String description, FieldErrors errors, String registryHost);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    AccessTokenService service;

    @Inject
    RegistryHost registryHost;

    @Context
    UriInfo uri;

    @GET
    public TemplateInstance page() {
        Account me = currentUser.require();
        return Templates.tokens(me, AccessToken.of(me), null, "", new FieldErrors(), registryHost.of(uri));
    }

    /** The secret is rendered in this response only (never stored, never cached), not after a redirect. */
    @POST
    public Response create(@FormParam("description") String description, @FormParam("scope") String scope,
            @FormParam("expires") String expires) {
        Account me = currentUser.require();
        try {
            AccessTokenService.Created created = service.create(me, description, scope, expires);
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(Templates.tokens(me, AccessToken.of(me), created.secret(), "", new FieldErrors(), registryHost.of(uri)))
                    .cacheControl(noStore).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.tokens(me, AccessToken.of(me), null, description, e.errors(), registryHost.of(uri))).build();
        } catch (QuotaExceededException e) {
            return QuotaResponses.refused(Templates.tokens(me, AccessToken.of(me), null, description,
                    new FieldErrors().add("description", e.getMessage()), registryHost.of(uri)), e);
        }
    }

    @POST
    @Path("revoke")
    public Response revoke(@FormParam("id") long id) {
        service.revoke(currentUser.require(), id);
        return Redirects.to("/settings/tokens", "The token is revoked.");
    }
}
