package dev.hoist.oidc.pages;

import dev.hoist.account.AccountException;
import dev.hoist.auth.SessionCookie;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.oidc.OidcAccounts;
import dev.hoist.oidc.OidcIdentity;
import dev.hoist.oidc.SignInOptions;
import dev.hoist.platform.HoistConfig;
import dev.hoist.web.CsrfToken;
import dev.hoist.web.Redirects;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code /login/oidc}: the one path that runs quarkus-oidc's authorization-code flow (with PKCE).
 * Once the provider has signed the user in, the verified identity is mapped to a Hoist account
 * (made on first sign-in) and Hoist's own session cookie takes over.
 */
@Path("/login/oidc")
@Produces(MediaType.TEXT_HTML)
public class OidcLogin {

    private static final Logger LOG = Logger.getLogger(OidcLogin.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance username(String username, String next, FieldErrors errors, String provider);

        static native TemplateInstance refused(String email, String provider, boolean localLogin);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    Instance<OidcConfigurationMetadata> metadata;

    @Inject
    HoistConfig config;

    @Inject
    OidcAccounts accounts;

    @Inject
    OidcSessions sessions;

    @Inject
    SessionCookie sessionCookie;

    @Inject
    SignInOptions options;

    /** {@code next} survives the round trip: quarkus-oidc restores this path and query after the provider. */
    @GET
    public Response start(@QueryParam("next") String next) {
        OidcIdentity who = verified();
        String back = Redirects.safeNext(next);
        Optional<Account> linked = accounts.linked(who);
        if (linked.isPresent()) {
            return signIn(who, updated(linked.get(), who), back, null);
        }
        Optional<String> clash = accounts.emailClash(who);
        if (clash.isPresent()) {
            return refused(who, clash.get());
        }
        Optional<String> name = accounts.freeUsername(who);
        if (name.isEmpty()) {
            return page(200, OidcAccounts.suggestion(who), back, new FieldErrors());
        }
        return create(who, name.get(), back);
    }

    @POST
    @Path("username")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pickUsername(@FormParam("username") String username, @FormParam("next") String next) {
        OidcIdentity who = verified();
        String back = Redirects.safeNext(next);
        Optional<Account> linked = accounts.linked(who);
        if (linked.isPresent()) {
            return signIn(who, linked.get(), back, null);
        }
        return create(who, username == null ? "" : username.trim(), back);
    }

    private Response create(OidcIdentity who, String username, String back) {
        try {
            Account account = accounts.create(who, username);
            return signIn(who, account, back, "Welcome to Hoist, " + account.username() + ".");
        } catch (AccountException e) {
            if (e.errors().has("email") && accounts.emailClash(who).isPresent()) {
                return refused(who, accounts.emailClash(who).get());
            }
            return page(400, username, back, e.errors());
        }
    }

    /** The provider's email, when it changed there; a failure here must not stop the sign-in. */
    private Account updated(Account account, OidcIdentity who) {
        try {
            return accounts.refreshEmail(account, who);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not take the provider's email into account %d; it keeps its own", account.id);
            return account;
        }
    }

    /**
     * An email another Hoist account uses: no account, no session, and no quarkus-oidc session
     * either. The end-session cookie lets the page's button sign the user out of the provider.
     */
    @Inject
    CsrfToken csrfToken;

    private Response refused(OidcIdentity who, String email) {
        Response.ResponseBuilder response = Response.status(409)
                .entity(Templates.refused(email, config.oidc().providerName(), options.local()))
                .cookie(sessions.clearQuarkusSession());
        String endSession = metadata.isResolvable() ? metadata.get().getEndSessionUri() : null;
        if (endSession != null) {
            response.cookie(sessions.remember(endSession, who.rawIdToken()));
        }
        // The page's sign-out form needs its CSRF cookie, which these cookies would otherwise displace.
        csrfToken.newVisitorCookie().ifPresent(cookie -> response.header(HttpHeaders.SET_COOKIE, cookie));
        return response.build();
    }

    private Response page(int status, String username, String next, FieldErrors errors) {
        return Response.status(status).entity(Templates.username(username, next, errors, config.oidc().providerName())).build();
    }

    private Response signIn(OidcIdentity who, Account account, String back, String message) {
        List<NewCookie> cookies = new ArrayList<>();
        accounts.signedIn(account);
        cookies.add(sessionCookie.issue(account));
        cookies.add(sessions.clearQuarkusSession());
        String endSession = metadata.isResolvable() ? metadata.get().getEndSessionUri() : null;
        if (endSession != null) {
            cookies.add(sessions.remember(endSession, who.rawIdToken()));
        }
        NewCookie[] all = cookies.toArray(NewCookie[]::new);
        return message == null ? Redirects.to(back).cookie(all).build() : Redirects.to(back, message, all);
    }

    /** The identity quarkus-oidc verified; without one, the challenge sends the browser to the provider. */
    private OidcIdentity verified() {
        if (!config.oidc().enabled()) {
            throw new NotFoundException();
        }
        return OidcIdentity.of(identity).orElseThrow(UnauthorizedException::new);
    }
}
