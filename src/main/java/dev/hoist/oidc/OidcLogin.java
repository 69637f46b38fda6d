package dev.hoist.oidc;

import dev.hoist.HoistConfig;
import dev.hoist.account.Account;
import dev.hoist.account.AccountException;
import dev.hoist.web.FormErrors;
import dev.hoist.web.Redirects;
import dev.hoist.web.SessionCookie;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /login/oidc}: the one path that runs quarkus-oidc's authorization-code flow (with PKCE).
 * Once the provider has signed the user in, the verified identity is mapped to a Hoist account
 * (made on first sign-in) and Hoist's own session cookie takes over.
 */
@Path("/login/oidc")
@Produces(MediaType.TEXT_HTML)
public class OidcLogin {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance username(String username, FormErrors errors, String provider);
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

    @GET
    public Response start() {
        OidcIdentity who = verified();
        Optional<Account> linked = accounts.linked(who);
        if (linked.isPresent()) {
            return signIn(who, linked.get(), null);
        }
        Optional<String> name = accounts.freeUsername(who);
        if (name.isEmpty()) {
            return page(200, who, OidcAccounts.suggestion(who), new FormErrors());
        }
        return create(who, name.get());
    }

    @POST
    @Path("username")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pickUsername(@FormParam("username") String username) {
        OidcIdentity who = verified();
        if (accounts.linked(who).isPresent()) {
            return signIn(who, accounts.linked(who).get(), null);
        }
        return create(who, username == null ? "" : username.trim());
    }

    private Response create(OidcIdentity who, String username) {
        try {
            Account account = accounts.create(who, username);
            return signIn(who, account, "Welcome to Hoist, " + account.username() + ".");
        } catch (AccountException e) {
            return page(400, who, username, e.errors());
        }
    }

    private Response page(int status, OidcIdentity who, String username, FormErrors errors) {
        return Response.status(status).entity(Templates.username(username, errors, config.oidc().providerName())).build();
    }

    private Response signIn(OidcIdentity who, Account account, String message) {
        List<NewCookie> cookies = new ArrayList<>();
        cookies.add(sessionCookie.issue(account.id, account.sessionEpoch));
        cookies.add(sessions.clearQuarkusSession());
        String endSession = metadata.isResolvable() ? metadata.get().getEndSessionUri() : null;
        if (endSession != null) {
            cookies.add(sessions.remember(endSession, who.rawIdToken()));
        }
        NewCookie[] all = cookies.toArray(NewCookie[]::new);
        return message == null ? Redirects.to("/").cookie(all).build() : Redirects.to("/", message, all);
    }

    /** The identity quarkus-oidc verified; without one, the challenge sends the browser to the provider. */
    private OidcIdentity verified() {
        if (!config.oidc().enabled()) {
            throw new NotFoundException();
        }
        return OidcIdentity.of(identity).orElseThrow(UnauthorizedException::new);
    }
}
