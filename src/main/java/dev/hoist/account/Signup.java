package dev.hoist.account;

import dev.hoist.oidc.ProviderOnly;
import dev.hoist.oidc.SignInOptions;
import dev.hoist.web.CurrentUser;
import dev.hoist.web.FormErrors;
import dev.hoist.web.Redirects;
import dev.hoist.web.SessionCookie;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /signup}: a new account, signed in at once, with a link mailed to verify the address. */
@Path("/signup")
@Produces(MediaType.TEXT_HTML)
public class Signup {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance signup(String username, String email, FormErrors errors);
    }

    @Inject
    AccountService accounts;

    @Inject
    VerificationSender verificationSender;

    @Inject
    SessionCookie sessionCookie;

    @Inject
    CurrentUser currentUser;

    @Inject
    SignInOptions options;

    @Inject
    ProviderOnly providerOnly;

    @GET
    public Object form() {
        if (!options.local()) {
            return providerOnly.signUp(); // accounts come from the identity provider
        }
        if (currentUser.isSignedIn()) {
            return Redirects.to("/").build();
        }
        return Templates.signup("", "", new FormErrors());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUp(@FormParam("username") String username, @FormParam("email") String email,
            @FormParam("password") String password, UriInfo uri) {
        if (!options.local()) {
            return providerOnly.signUp();
        }
        Account account;
        try {
            account = accounts.signUp(username, email, password);
        } catch (AccountException e) {
            return Response.status(400)
                    .entity(Templates.signup(username, email, e.errors()))
                    .build();
        }
        boolean sent = verificationSender.send(account, uri);
        String message = sent
                ? "Welcome to Hoist, " + account.username() + ". We sent a link to " + account.email + " to verify your address."
                : "Welcome to Hoist, " + account.username() + ". We could not send the verification email; send it again from your settings.";
        return Redirects.to("/", message, sessionCookie.issue(account));
    }
}
