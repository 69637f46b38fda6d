package dev.hoist.account;

import dev.hoist.namespace.Namespace;
import dev.hoist.namespace.NamespaceNames;
import dev.hoist.web.FormErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Sign-up and the changes a user makes to their own account. */
@ApplicationScoped
@Transactional
public class AccountService {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Duration VERIFICATION_LIFETIME = Duration.ofDays(2);

    @Inject
    Passwords passwords;

    @Inject
    GrantGenerations generations;

    public Account signUp(String username, String email, String password) {
        FormErrors errors = new FormErrors();
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
            // Two sign-ups raced for the same name or address; the unique indexes decided.
            throw AccountException.of("username", "This username or email address is already taken.");
        }
        return account;
    }

    /** Starts a verification of the account's current address; returns the token to mail. */
    public String startVerification(Account account) {
        Account managed = Account.findById(account.id);
        EmailVerification.deleteForAccount(managed);
        String token = Tokens.random();
        EmailVerification verification = new EmailVerification();
        verification.tokenHash = Tokens.sha256(token);
        verification.account = managed;
        verification.email = managed.email;
        verification.expiresAt = Instant.now().plus(VERIFICATION_LIFETIME);
        verification.persist();
        return token;
    }

    /** Marks the address verified if the token is current and the address has not changed since. */
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
        account.emailVerified = true;
        return Optional.of(account);
    }

    public Account changeEmail(Account account, String email) {
        Account managed = Account.findById(account.id);
        String trimmed = email == null ? "" : email.trim();
        if (trimmed.equalsIgnoreCase(managed.email)) {
            throw AccountException.of("email", "This is already your email address.");
        }
        emailProblem(trimmed).ifPresent(m -> {
            throw AccountException.of("email", m);
        });
        managed.email = trimmed;
        managed.emailVerified = false;
        try {
            managed.flush();
        } catch (PersistenceException e) {
            throw AccountException.of("email", "This email address is already used by another account.");
        }
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
        return managed;
    }

    /** What a repository created by a first push gets: Docker Hub's "default repository privacy". */
    public void setDefaultPrivacy(Account account, boolean makePrivate) {
        Account managed = Account.findById(account.id);
        managed.namespace.defaultPrivate = makePrivate;
    }

    /** Deletes the account; its name stays reserved so nobody can take over what it published. */
    public void delete(Account account, String typedUsername) {
        Account managed = Account.findById(account.id);
        if (!managed.username().equals(typedUsername)) {
            throw AccountException.of("confirm", "Type your username, " + managed.username() + ", to confirm.");
        }
        managed.namespace.deletedAt = Instant.now();
        EmailVerification.deleteForAccount(managed);
        managed.delete();
    }

    private static Optional<String> emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return Optional.of("Enter your email address.");
        }
        String trimmed = email.trim();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            return Optional.of("Enter a valid email address, like name@example.com.");
        }
        if (Account.isEmailTaken(trimmed)) {
            return Optional.of("This email address is already used by another account.");
        }
        return Optional.empty();
    }
}
