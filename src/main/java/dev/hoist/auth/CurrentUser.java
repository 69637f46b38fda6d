package dev.hoist.auth;

import dev.hoist.account.Sessions;
import dev.hoist.model.Account;
import dev.hoist.model.AccountSession;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Who is signed in for this request. The session cookie is looked up the first time a page asks
 * (one query brings the session, its account and namespace); a cookie whose session ended,
 * expired or predates a password change counts as signed out, and the web layer's {@code SessionFilter} clears it.
 */
@RequestScoped
@Named("currentUser")
public class CurrentUser {

    private static final Logger LOG = Logger.getLogger(CurrentUser.class);

    @Inject
    RoutingContext routing;

    @Inject
    Sessions sessions;

    private Optional<AccountSession> session;
    private Optional<Account> changed;
    private boolean deadCookie;

    /** Called after sign-in, sign-out or an account change within the request. */
    public void set(Account account) {
        this.changed = Optional.ofNullable(account);
    }

    public Optional<Account> account() {
        return changed != null ? changed : session().map(s -> s.account);
    }

    /** The live session this request's cookie names, if any. */
    public Optional<AccountSession> session() {
        if (session == null) {
            if (!BlockingOperationControl.isBlockingAllowed()) {
                // An error page answered on the event loop (415, unrouted 404): shown signed out, not a 500.
                return Optional.empty();
            }
            Cookie cookie = routing.request().getCookie(SessionCookie.NAME);
            String token = cookie == null ? null : cookie.getValue();
            session = SessionCookie.wellFormed(token) ? sessions.find(token) : Optional.empty();
            deadCookie = token != null && session.isEmpty();
            session.ifPresent(this::touch);
        }
        return session;
    }

    public boolean isSignedIn() {
        return account().isPresent();
    }

    /** The signed-in account, or a redirect to the sign-in page that comes back here. */
    public Account require() {
        return account().orElseThrow(SignInRequired::new);
    }

    /** For templates: the username, or null when signed out. */
    public String getUsername() {
        return account().map(Account::username).orElse(null);
    }

    /**
     * True if a cookie was sent but names no live session: the filter then clears it. Asks the
     * database only if the page did (every page does, through the layout), never for the registry.
     */
    public boolean hasDeadCookie() {
        if (session == null) {
            Cookie cookie = routing.request().getCookie(SessionCookie.NAME);
            return cookie != null && !SessionCookie.wellFormed(cookie.getValue());
        }
        return deadCookie;
    }

    private void touch(AccountSession live) {
        try {
            sessions.touch(live, SessionCookie.clientAddress(routing.request()));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Could not record the last use of session %d", live.id);
        }
    }
}
