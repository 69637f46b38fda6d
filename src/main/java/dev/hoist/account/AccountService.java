package dev.hoist.account;

import dev.hoist.model.Account;
import dev.hoist.model.EmailVerification;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Namespace;
import dev.hoist.model.NamespaceContents;
import dev.hoist.model.NamespaceNames;
import dev.hoist.model.events.AccountCreated;
import dev.hoist.model.events.AccountDeleted;
import dev.hoist.model.events.DefaultPrivacyChanged;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.EmailChanged;
import dev.hoist.model.events.PasswordChanged;
import dev.hoist.platform.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Sign-up and the changes a user makes to their own account. */
@ApplicationScoped
@Transactional
public class AccountService {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Duration VERIFICATION_LIFETIME = Duration.ofDays(2);
    /** First key of the advisory locks on email addresses (the second is the address's hash). */
    private static final int EMAIL_LOCKS = 0x6d61696c;

    @Inject
    Passwords passwords;

    @Inject
    NamespaceContents contents;

    @Inject
    GrantGenerations generations;

    @Inject
    Event<DomainEvent> events;

    public Account signUp(String username, String email, String password) {
        FieldErrors errors = new FieldErrors();
        NamespaceNames.problem(username).ifPresent(m -> errors.add("username", m));
        if (!errors.has("username") && Namespace.isTaken(username)) {
            errors.add("username", "This username is already taken.");
        }
        emailProblem(email).ifPresent(m -> errors.add("email", m));
        passwords.problem(password).ifPresent(m -> errors.add("password", m));
        if (!errors.isEmpty()) {
            throw new AccountException(errors);
        }
        Account account = new Account();
        account.email = email.trim();
        account.passwordHash = passwords.hash(password);
        try {
            account.namespace = Namespace.create(username, Namespace.Kind.user);
            account.persistAndFlush();
        } catch (PersistenceException e) {
            // Two sign-ups raced for the same name; the unique index decided. (An address is never
            // refused here: an unverified one reserves nothing, and a taken one is told by mail.)
            throw AccountException.of("username", "This username is already taken.");
        }
        events.fire(new AccountCreated(Instant.now(), account.username(), false));
        return account;
    }

    /**
     * A verification just started: the token to mail, and the username of the other account that
     * has verified the address, if any (then no link must be mailed; its owner is told instead).
     */
    public record VerificationStart(String token, Optional<String> holder) {
    }

    /** Starts a verification of the account's current address. */
    public VerificationStart startVerification(Account account) {
        Account managed = Account.findById(account.id);
        EmailVerification.deleteForAccount(managed);
        String token = Tokens.random();
        EmailVerification verification = new EmailVerification();
        verification.tokenHash = Tokens.sha256(token);
        verification.account = managed;
        verification.email = managed.email;
        verification.expiresAt = Instant.now().plus(VERIFICATION_LIFETIME);
        verification.persist();
        return new VerificationStart(token, Account.verifiedHolderOf(managed.email, managed.id).map(Account::username));
    }

    /**
     * Marks the address verified if the token is current, the address has not changed since, and
     * no other account has verified it meanwhile. The first to verify owns the address.
     */
    public Optional<Account> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<EmailVerification> found = EmailVerification.findByIdOptional(Tokens.sha256(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        EmailVerification verification = found.get();
        Account account = verification.account;
        verification.delete();
        if (verification.expiresAt.isBefore(Instant.now()) || !verification.email.equalsIgnoreCase(account.email)) {
            return Optional.empty();
        }
        // One verification of an address at a time, on every copy: the check and the write are one step.
        Account.getEntityManager().createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1, hashtext(lower(?2)))")
                .setParameter(1, EMAIL_LOCKS)
                .setParameter(2, account.email)
                .getSingleResult();
        if (Account.verifiedHolderOf(account.email, account.id).isPresent()) {
            return Optional.empty();
        }
        account.emailVerified = true;
        account.flush();
        // The other accounts that named this address can no longer verify it.
        EmailVerification.delete("lower(email) = lower(?1) and account.id <> ?2", account.email, account.id);
        return Optional.of(account);
    }

    /** Checks a new address for the account; returns it trimmed. Whether another account uses it is never told. */
    public String checkNewEmail(Account account, String email) {
        String trimmed = email == null ? "" : email.trim();
        if (trimmed.equalsIgnoreCase(account.email)) {
            throw AccountException.of("email", "This is already your email address.");
        }
        emailProblem(trimmed).ifPresent(m -> {
            throw AccountException.of("email", m);
        });
        return trimmed;
    }

    /** Replaces the address, unverified; an address another account verified is accepted too (its owner gets a mail). */
    public Account changeEmail(Account account, String email) {
        Account managed = Account.findById(account.id);
        String before = managed.email;
        managed.email = checkNewEmail(managed, email);
        managed.emailVerified = false;
        events.fire(new EmailChanged(Instant.now(), managed.username(), before, managed.email));
        return managed;
    }

    /** Changes the password and ends every other session of the account. */
    public Account changePassword(Account account, String current, String replacement) {
        Account managed = Account.findById(account.id);
        if (managed.passwordHash == null) {
            throw AccountException.of("current", "This account signs in through your identity provider and has no password here.");
        }
        boolean right;
        try {
            right = passwords.matches(current, managed.passwordHash);
        } catch (PasswordCheckPool.Busy e) {
            throw AccountException.of("current", "Too many passwords are being checked right now. Try again in a moment.");
        }
        if (!right) {
            throw AccountException.of("current", "The current password is wrong.");
        }
        passwords.problem(replacement).ifPresent(m -> {
            throw AccountException.of("password", m);
        });
        managed.passwordHash = passwords.hash(replacement);
        managed.sessionEpoch++;
        generations.bump(managed.id);
        events.fire(new PasswordChanged(Instant.now(), managed.username()));
        return managed;
    }

    /** What a repository created by a first push gets: Docker Hub's "default repository privacy". */
    public void setDefaultPrivacy(Account account, boolean makePrivate) {
        Account managed = Account.findById(account.id);
        if (managed.namespace.defaultPrivate != makePrivate) {
            managed.namespace.defaultPrivate = makePrivate;
            events.fire(new DefaultPrivacyChanged(Instant.now(), managed.username(), managed.username(), makePrivate));
        }
    }

    /**
     * Deletes the account with its repositories (their images go to the garbage collector) and
     * returns how many repositories went; its name stays reserved so nobody can take over what it
     * published. Refused while it is the only owner of an organization.
     */
    public int delete(Account account, String typedUsername) {
        Account managed = Account.findById(account.id);
        if (!managed.username().equals(typedUsername)) {
            throw AccountException.of("confirm", "Type your username, " + managed.username() + ", to confirm.");
        }
        List<String> soleOwner = contents.organizationsOwnedOnlyBy(managed.id);
        if (!soleOwner.isEmpty()) {
            throw new SoleOwnerException(soleOwner);
        }
        int repositories = contents.deleteRepositories(managed.namespace.id);
        contents.unstarAll(managed.id);
        managed.namespace.deletedAt = Instant.now();
        EmailVerification.deleteForAccount(managed);
        String username = managed.username();
        managed.delete();
        events.fire(new AccountDeleted(Instant.now(), username, repositories));
        return repositories;
    }

    private static Optional<String> emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return Optional.of("Enter your email address.");
        }
        String trimmed = email.trim();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            return Optional.of("Enter a valid email address, like name@example.com.");
        }
        return Optional.empty();
    }
}
