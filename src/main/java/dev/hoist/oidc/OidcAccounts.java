package dev.hoist.oidc;

import dev.hoist.account.Account;
import dev.hoist.account.AccountException;
import dev.hoist.namespace.Namespace;
import dev.hoist.namespace.NamespaceNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Optional;

/** Finds the account an OIDC identity signs in as, or makes one (without a password) on first sign-in. */
@ApplicationScoped
@Transactional
public class OidcAccounts {

    public Optional<Account> linked(OidcIdentity identity) {
        return IdentityLink.find(identity.issuer(), identity.subject()).map(link -> link.account);
    }

    /** The provider's username, lowercased, when it is a valid Hoist name nobody has. */
    public Optional<String> freeUsername(OidcIdentity identity) {
        if (identity.preferredUsername() == null) {
            return Optional.empty();
        }
        String name = identity.preferredUsername().toLowerCase(Locale.ROOT);
        if (NamespaceNames.problem(name).isPresent() || Namespace.isTaken(name)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** A starting point for the "pick a username" form. */
    public static String suggestion(OidcIdentity identity) {
        String from = identity.preferredUsername() != null ? identity.preferredUsername()
                : identity.email() != null ? identity.email().replaceAll("@.*", "") : "";
        String name = from.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return name.length() > 30 ? name.substring(0, 30) : name;
    }

    /** Makes the account and links the identity to it; an email already in use is refused, never merged. */
    public Account create(OidcIdentity identity, String username) {
        if (identity.email() == null || identity.email().isBlank()) {
            throw AccountException.of("email", "Your identity provider did not share an email address; Hoist needs one.");
        }
        NamespaceNames.problem(username).ifPresent(m -> {
            throw AccountException.of("username", m);
        });
        if (Namespace.isTaken(username)) {
            throw AccountException.of("username", "This username is already taken.");
        }
        if (Account.isEmailTaken(identity.email().trim())) {
            throw AccountException.of("email", "A Hoist account already uses " + identity.email().trim()
                    + ". Sign in to it with its password instead.");
        }
        Account account = new Account();
        account.email = identity.email().trim();
        account.emailVerified = identity.emailVerified();
        account.passwordHash = null;
        try {
            account.namespace = Namespace.create(username, Namespace.Kind.user);
            account.persistAndFlush();
            IdentityLink link = new IdentityLink();
            link.issuer = identity.issuer();
            link.subject = identity.subject();
            link.account = account;
            link.persistAndFlush();
        } catch (PersistenceException e) {
            throw AccountException.of("username", "This username or email address is already taken.");
        }
        return account;
    }
}
