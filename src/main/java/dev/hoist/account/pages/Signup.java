package dev.hoist.account.pages;

import dev.hoist.account.AccountException;
import dev.hoist.account.AccountService;
import dev.hoist.account.MailLinks;
import dev.hoist.account.RetryTimes;
import dev.hoist.account.SignupThrottle;
import dev.hoist.account.VerificationSender;
import dev.hoist.auth.CurrentUser;
import dev.hoist.auth.SessionCookie;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.oidc.SignInOptions;
import dev.hoist.oidc.pages.ProviderOnly;
import dev.hoist.web.ErrorPages;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
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
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /signup}: a new account, signed in at once, with a link mailed to verify the address.
 * The answer is the same whether another account owns the address or not (its owner hears of it
 * by mail), so sign-up tells nobody which addresses have accounts; usernames are public anyway.
 */
@Path("/signup")
@Produces(MediaType.TEXT_HTML)
public class Signup {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signup(String username, String email, FieldErrors errors);
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

    @Inject
    SignupThrottle throttle;

    @Inject
    MailLinks links;

    @GET
    public Object form() {
        if (!options.local()) {
            return providerOnly.signUp(); // accounts come from the identity provider
        }
        if (currentUser.isSignedIn()) {
            return Redirects.to("/").build();
        }
        return Templates.signup("", "", new FieldErrors());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUp(@FormParam("username") String username, @FormParam("email") String email,
            @FormParam("password") String password, UriInfo uri, HttpServerRequest http) {
        if (!options.local()) {
            return providerOnly.signUp();
        }
        Optional<String> linkBase = links.base(uri.getBaseUri());
        if (linkBase.isEmpty()) {
            return ErrorPages.page(400, "Hoist cannot mail you from this address", MailLinks.refusal(uri.getBaseUri()));
        }
        Optional<Instant> wait = throttle.attempt(http.remoteAddress().hostAddress());
        if (wait.isPresent()) {
            return Response.fromResponse(ErrorPages.page(429, "Too many sign-ups",
                    "Too many sign-ups from your network address. Try again " + RetryTimes.at(wait.get()) + "."))
                    .header("Retry-After", RetryTimes.seconds(wait.get()))
                    .build();
        }
        Account account;
        try {
            account = accounts.signUp(username, email, password);
        } catch (AccountException e) {
            return Response.status(400)
                    .entity(Templates.signup(username, email, e.errors()))
                    .build();
        }
        VerificationSender.Outcome mail = verificationSender.send(account, linkBase.get());
        String welcome = "Welcome to Hoist, " + account.username() + ". ";
        String message = mail.sent()
                ? welcome + "We sent a link to " + account.email + " to verify your address. You can pull images now;"
                        + " pushing needs the verified address."
                : mail.limited()
                        ? welcome + account.email + " got too many mails from Hoist lately. You can ask for another mail "
                                + RetryTimes.at(mail.retryAt()) + " from your settings."
                        : welcome + "We could not send the verification email; send it again from your settings.";
        return Redirects.to("/", message, sessionCookie.issue(account));
    }
}
