package dev.hoist.web;

import dev.hoist.account.Account;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * Who is signed in for this request. The cookie is read by {@link SessionFilter}; the account
 * is loaded only when a page first asks, and a session from before a password change, or of a
 * deleted account, counts as signed out.
 */
@RequestScoped
@Named("currentUser")
public class CurrentUser {

    private SessionCookie.Claims claims;
    private Optional<Account> account;

    void useSession(SessionCookie.Claims claims) {
        this.claims = claims;
        this.account = null;
    }

    /** Called after sign-in, sign-out or an account change within the request. */
    public void set(Account account) {
        this.claims = null;
        this.account = Optional.ofNullable(account);
    }

    public Optional<Account> account() {
        if (account == null) {
            account = claims == null ? Optional.empty()
                    : Account.<Account>findByIdOptional(claims.accountId())
                            .filter(a -> a.sessionEpoch == claims.epoch());
        }
        return account;
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

    /** True if a cookie was sent but no longer names a valid session: the filter then clears it. */
    boolean isStale() {
        return claims != null && account().isEmpty();
    }
}
