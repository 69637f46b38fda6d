package dev.hoist.account.pages;

import dev.hoist.account.AccountException;
import dev.hoist.account.MailLinks;
import dev.hoist.account.PasswordResets;
import dev.hoist.model.FieldErrors;
import dev.hoist.oidc.SignInOptions;
import dev.hoist.oidc.pages.ProviderOnly;
import dev.hoist.web.ErrorPages;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * {@code /forgot-password} (ask for a link) and {@code /reset-password?token=} (the mailed link:
 * choose a new password). A Hoist whose sign-in goes only through the identity provider has no
 * passwords, and answers these as it answers a password sign-in.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PasswordReset {

    static final String SENT = "If that is the username or verified email address of an account, we sent a link"
            + " to its email address. It works once, for one hour.";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance forgot(String identifier, FieldErrors errors);

        static native TemplateInstance sent();

        static native TemplateInstance reset(String token, FieldErrors errors);

        static native TemplateInstance dead();
    }

    @Inject
    PasswordResets resets;

    @Inject
    MailLinks links;

    @Inject
    SignInOptions options;

    @Inject
    ProviderOnly providerOnly;

    @GET
    @Path("forgot-password")
    public Response forgot() {
        if (!options.local()) {
            return providerOnly.passwordSignIn();
        }
        return Response.ok(Templates.forgot("", new FieldErrors())).build();
    }

    @POST
    @Path("forgot-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@FormParam("identifier") String identifier, UriInfo uri) {
        if (!options.local()) {
            return providerOnly.passwordSignIn();
        }
        if (identifier == null || identifier.isBlank()) {
            return Response.status(400).entity(Templates.forgot("",
                    new FieldErrors().add("identifier", "Enter your username or email address."))).build();
        }
        // Refused for every name alike: it depends only on the address the request came to.
        Optional<String> linkBase = links.base(uri.getBaseUri());
        if (linkBase.isEmpty()) {
            return ErrorPages.page(400, "Hoist cannot mail you from this address", MailLinks.refusal(uri.getBaseUri()));
        }
        resets.request(identifier, linkBase.get());
        return Redirects.to("/forgot-password/sent").build();
    }

    @GET
    @Path("forgot-password/sent")
    public Response sent() {
        if (!options.local()) {
            return providerOnly.passwordSignIn();
        }
        return Response.ok(Templates.sent()).build();
    }

    @GET
    @Path("reset-password")
    public Response resetForm(@QueryParam("token") String token) {
        if (!options.local()) {
            return providerOnly.passwordSignIn();
        }
        if (!resets.isCurrent(token)) {
            return dead();
        }
        return secret(Response.ok(Templates.reset(token, new FieldErrors())));
    }

    @POST
    @Path("reset-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("token") String token, @FormParam("password") String password) {
        if (!options.local()) {
            return providerOnly.passwordSignIn();
        }
        try {
            return resets.reset(token, password)
                    .map(username -> Redirects.to("/login", "Your password is changed and every session of "
                            + username + " is signed out. Sign in with your new password."))
                    .orElseGet(this::dead);
        } catch (AccountException e) {
            return secret(Response.status(400).entity(Templates.reset(token, e.errors())));
        }
    }

    private Response dead() {
        return secret(Response.status(400).entity(Templates.dead()));
    }

    /**
     * The page holds the token (in its address and its form): no other site learns it through the
     * Referer, and no cache keeps it.
     */
    private static Response secret(Response.ResponseBuilder page) {
        return page.header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }
}
