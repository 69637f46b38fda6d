package dev.hoist.oidc;

import dev.hoist.account.AccountException;
import dev.hoist.model.Account;
import dev.hoist.model.IdentityLink;
import dev.hoist.model.Namespace;
import dev.hoist.model.NamespaceNames;
import dev.hoist.model.events.AccountCreated;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.SignInMethod;
import dev.hoist.model.events.SignInSucceeded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Finds the account an OIDC identity signs in as, or makes one (without a password) on first sign-in. */
@ApplicationScoped
@Transactional
public class OidcAccounts {

    private static final Logger LOG = Logger.getLogger(OidcAccounts.class);

    @Inject
    Event<DomainEvent> events;

    public Optional<Account> linked(OidcIdentity identity) {
        return IdentityLink.find(identity.issuer(), identity.subject()).map(link -> link.account);
    }

    public boolean isLinked(Account account) {
        return IdentityLink.count("account.id", account.id) > 0;
    }

    /** The identity's email when a Hoist account already uses it: accounts are never merged by email. */
    public Optional<String> emailClash(OidcIdentity identity) {
        return email(identity).filter(Account::isEmailTaken);
    }

    /**
     * Takes a later sign-in's email into the account, as Keycloak owns it: a new address with the
     * provider's {@code email_verified}, or the same one now verified. An address another account
     * uses is not taken; the account keeps its own.
     */
    public Account refreshEmail(Account account, OidcIdentity identity) {
        Account managed = Account.findById(account.id);
        String email = email(identity).orElse(null);
        if (email == null || email.length() > 254) {
            return managed;
        }
        if (email.equalsIgnoreCase(managed.email)) {
            managed.email = email;
            managed.emailVerified |= identity.emailVerified();
            return managed;
        }
        if (Account.count("lower(email) = lower(?1) and id <> ?2", email, managed.id) > 0) {
            LOG.infof("Account %d keeps its email: the provider's new one is used by another account", managed.id);
            return managed;
        }
        managed.email = email;
        managed.emailVerified = identity.emailVerified();
        return managed;
    }

    private static Optional<String> email(OidcIdentity identity) {
        return Optional.ofNullable(identity.email()).map(String::trim).filter(e -> !e.isEmpty());
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

    /** The identity provider vouched for {@code account}, which is about to get a session. */
    public void signedIn(Account account) {
        events.fire(new SignInSucceeded(Instant.now(), account.username(), SignInMethod.PROVIDER));
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
        events.fire(new AccountCreated(Instant.now(), account.username(), true));
        return account;
    }
}
