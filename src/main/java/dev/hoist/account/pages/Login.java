package dev.hoist.account.pages;

import dev.hoist.account.Sessions;
import dev.hoist.account.SignIn;
import dev.hoist.auth.CurrentUser;
import dev.hoist.auth.SessionCookie;
import dev.hoist.model.Account;
import dev.hoist.oidc.SignInOptions;
import dev.hoist.oidc.pages.OidcSessions;
import dev.hoist.oidc.pages.ProviderOnly;
import dev.hoist.web.Flash;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@code /login} and sign-out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Login {

    static final String WRONG = "Incorrect username or password.";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String username, String next, String oidcStart, String error);
    }

    @Inject
    SignIn signIn;

    @Inject
    SessionCookie sessionCookie;

    @Inject
    Sessions sessions;

    @Inject
    CurrentUser currentUser;

    @Inject
    SignInOptions options;

    @Inject
    OidcSessions oidcSessions;

    @Inject
    ProviderOnly providerOnly;

    @GET
    @Path("login")
    public Object form(@QueryParam("next") String next) {
        if (currentUser.isSignedIn()) {
            return Redirects.to(Redirects.safeNext(next)).build();
        }
        return page("", Redirects.safeNext(next), null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("next") String next, HttpServerRequest http) {
        if (!options.local()) {
            return providerOnly.passwordSignIn();
        }
        String name = username == null ? "" : username.trim().toLowerCase();
        String back = Redirects.safeNext(next);
        SignIn.Result result = signIn.withNameOrEmail(name, password, http.remoteAddress().hostAddress());
        if (result.lockedFor() != null) {
            return Response.status(429)
                    .header("Retry-After", Math.max(1, result.lockedFor().toSeconds()))
                    .entity(page(name, back, lockedMessage(result.lockedFor())))
                    .build();
        }
        if (result.account() == null) {
            return Response.status(401).entity(page(name, back, WRONG)).build();
        }
        Account account = result.account();
        return Redirects.to(back).cookie(sessionCookie.issue(account)).build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(OidcSessions.NAME) String oidcSession, UriInfo uri) {
        // Ended on the server, so a copy of the cookie taken before no longer works anywhere.
        currentUser.session().ifPresent(sessions::end);
        // Signed in through the identity provider: end its session too, then come back home.
        return oidcSessions.endSession(oidcSession, uri.getBaseUri())
                .map(end -> Response.seeOther(end)
                        .cookie(sessionCookie.clear(), oidcSessions.clear(), Flash.cookie("You are signed out."))
                        .build())
                .orElseGet(() -> Redirects.to("/", "You are signed out.", sessionCookie.clear(), oidcSessions.clear()));
    }

    /** The "Sign in with …" link carries {@code next} through the provider's round trip. */
    private static TemplateInstance page(String username, String next, String error) {
        String oidcStart = "/".equals(next) ? "/login/oidc"
                : "/login/oidc?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return Templates.login(username, next, oidcStart, error);
    }

    static String lockedMessage(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return "Too many failed sign-in attempts. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }
}
