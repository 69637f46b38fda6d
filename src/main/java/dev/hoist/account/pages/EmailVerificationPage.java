package dev.hoist.account.pages;

import dev.hoist.account.AccountService;
import dev.hoist.auth.CurrentUser;
import dev.hoist.web.ErrorPages;
import dev.hoist.web.Redirects;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /verify-email?token=}: the link from the verification mail. */
@Path("/verify-email")
@Produces(MediaType.TEXT_HTML)
public class EmailVerificationPage {

    @Inject
    AccountService accounts;

    @Inject
    CurrentUser currentUser;

    @GET
    public Response verify(@QueryParam("token") String token) {
        return accounts.verify(token)
                .map(account -> Redirects.to(currentUser.isSignedIn() ? "/settings" : "/login",
                        "Your email address " + account.email + " is verified."))
                .orElseGet(() -> ErrorPages.page(400, "This link does not work",
                        "The verification link is wrong, was already used, or has expired. Sign in and send a new one from your settings."));
    }
}
