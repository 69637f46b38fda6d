package dev.hoist.account.pages;

import dev.hoist.account.AccountException;
import dev.hoist.account.AccountService;
import dev.hoist.account.MailLinks;
import dev.hoist.account.RetryTimes;
import dev.hoist.account.SoleOwnerException;
import dev.hoist.account.VerificationSender;
import dev.hoist.auth.CurrentUser;
import dev.hoist.auth.SessionCookie;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.oidc.OidcAccounts;
import dev.hoist.oidc.SignInOptions;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;

/** {@code /settings}: the signed-in user's email, password and the deletion of the account. */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class Settings {

    static final String PASSWORDS_OFF = "Passwords are turned off on this Hoist: sign in through your identity provider,"
            + " and give registry clients a personal access token.";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(Account account, String newEmail, boolean emailFromProvider, FieldErrors errors);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    AccountService accounts;

    @Inject
    VerificationSender verificationSender;

    @Inject
    SessionCookie sessionCookie;

    @Inject
    SignInOptions options;

    @Inject
    OidcAccounts oidcAccounts;

    @Inject
    MailLinks links;

    @GET
    public TemplateInstance page() {
        Account account = currentUser.require();
        return Templates.settings(account, "", emailFromProvider(account), new FieldErrors());
    }

    @POST
    @Path("email")
    public Response changeEmail(@FormParam("email") String email, UriInfo uri) {
        Account account = currentUser.require();
        if (emailFromProvider(account)) {
            return invalid(account, email, AccountException.of("email", "Your email address comes from "
                    + options.providerName() + ": change it there, and Hoist takes it when you next sign in."));
        }
        Optional<String> linkBase = links.base(uri.getBaseUri());
        if (linkBase.isEmpty()) {
            return ErrorPages.page(400, "Hoist cannot mail you from this address", MailLinks.refusal(uri.getBaseUri()));
        }
        try {
            String address = accounts.checkNewEmail(account, email);
            // The mail's place is taken before anything changes: a refused request writes nothing.
            Optional<Instant> wait = verificationSender.reserve(account, address);
            if (wait.isPresent()) {
                return limited(account, email, "email", wait.get());
            }
            // The same answer whether another account owns the address: its owner is told by mail.
            Account changed = accounts.changeEmail(account, email);
            boolean sent = verificationSender.deliver(changed, linkBase.get());
            return Redirects.to("/settings", sent
                    ? "Your email address is now " + changed.email + ". Open the link we sent there to verify it."
                    : "Your email address is now " + changed.email + ". We could not send the verification email; try again below.");
        } catch (AccountException e) {
            return invalid(account, email, e);
        }
    }

    @POST
    @Path("verification")
    public Response resendVerification(UriInfo uri) {
        Account account = currentUser.require();
        if (account.emailVerified) {
            return Redirects.to("/settings", "Your email address is already verified.");
        }
        Optional<String> linkBase = links.base(uri.getBaseUri());
        if (linkBase.isEmpty()) {
            return ErrorPages.page(400, "Hoist cannot mail you from this address", MailLinks.refusal(uri.getBaseUri()));
        }
        VerificationSender.Outcome mail = verificationSender.send(account, linkBase.get());
        if (mail.limited()) {
            return limited(account, "", "verification", mail.retryAt());
        }
        return Redirects.to("/settings", mail.sent()
                ? "We sent a new verification link to " + account.email + "."
                : "We could not send the verification email. Try again later.");
    }

    /** 429 with the settings page: the message next to the form says when a mail can be sent again. */
    private Response limited(Account account, String newEmail, String field, Instant retryAt) {
        Account fresh = Account.findById(account.id);
        FieldErrors errors = new FieldErrors().add(field, "You asked for too many mails. You can ask for another mail "
                + RetryTimes.at(retryAt) + ".");
        return Response.status(429).header("Retry-After", RetryTimes.seconds(retryAt))
                .entity(Templates.settings(fresh, newEmail, emailFromProvider(fresh), errors)).build();
    }

    @POST
    @Path("privacy")
    public Response defaultPrivacy(@FormParam("privacy") String privacy) {
        boolean makePrivate = "private".equals(privacy);
        accounts.setDefaultPrivacy(currentUser.require(), makePrivate);
        return Redirects.to("/settings", "Repositories created by a push will be " + (makePrivate ? "private." : "public."));
    }

    @POST
    @Path("password")
    public Response changePassword(@FormParam("current") String current, @FormParam("password") String password) {
        Account account = currentUser.require();
        if (!options.local()) {
            return invalid(account, "", AccountException.of("current", PASSWORDS_OFF));
        }
        try {
            Account changed = accounts.changePassword(account, current, password);
            // The new epoch ended every session, this one too; this browser starts a fresh one.
            return Redirects.to("/settings", "Your password is changed. Other sessions are signed out.",
                    sessionCookie.issue(changed));
        } catch (AccountException e) {
            return invalid(account, "", e);
        }
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("confirm") String confirm) {
        Account account = currentUser.require();
        try {
            int repositories = accounts.delete(account, confirm);
            return Redirects.to("/", "Your account " + account.username() + " is deleted"
                    + (repositories == 0 ? "." : ", with its " + repositories + (repositories == 1 ? " repository." : " repositories.")),
                    sessionCookie.clear());
        } catch (AccountException e) {
            return invalid(account, "", e);
        } catch (SoleOwnerException e) {
            return invalid(account, "", AccountException.of("confirm", e.getMessage()));
        }
    }

    private Response invalid(Account account, String newEmail, AccountException e) {
        Account fresh = Account.findById(account.id);
        return Response.status(400).entity(Templates.settings(fresh, newEmail, emailFromProvider(fresh), e.errors())).build();
    }

    /** Keycloak owns the email of the accounts it signs in: each sign-in brings it up to date. */
    private boolean emailFromProvider(Account account) {
        return options.oidc() && oidcAccounts.isLinked(account);
    }
}
