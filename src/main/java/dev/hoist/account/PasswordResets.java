package dev.hoist.account;

import dev.hoist.model.Account;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.PasswordChanged;
import dev.hoist.platform.HoistConfig;
import dev.hoist.platform.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "Forgot password": a single-use link, mailed to the address the account has verified, valid for
 * one hour. The answer to a request never tells whether the account exists: the mail leaves after
 * the answer, and a refusal of any kind (unknown name, unverified address, mail limit) is silent.
 */
@ApplicationScoped
public class PasswordResets {

    static final Duration LIFETIME = Duration.ofHours(1);
    /** What {@link Tokens#random} makes: 32 bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Longer than any username or address: looked up as nothing. */
    private static final int MAX_IDENTIFIER = 254;

    @Inject
    Passwords passwords;

    @Inject
    GrantGenerations generations;

    @Inject
    VerificationSender limits;

    @Inject
    VerificationMail mail;

    @Inject
    HoistConfig config;

    @Inject
    Event<DomainEvent> events;

    /**
     * Mails a reset link for {@code identifier} (a username or a verified address) if it names an
     * account with a verified address and the mail limits allow; otherwise does nothing, silently.
     */
    public void request(String identifier, String linkBase) {
        Optional<Runnable> send = QuarkusTransaction.requiringNew().call(() -> prepare(identifier, linkBase));
        // After the commit, so the link works when it arrives; the mail leaves in the background.
        send.ifPresent(Runnable::run);
    }

    private Optional<Runnable> prepare(String identifier, String linkBase) {
        Optional<Account> found = find(identifier).filter(a -> a.emailVerified);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Account account = found.get();
        if (limits.reserve(account, account.email).isPresent()) {
            return Optional.empty();
        }
        String username = account.username();
        String email = account.email;
        if (account.passwordHash == null) {
            // Made by the identity provider: nothing to reset here; its owner learns where to go.
            String provider = config.oidc().providerName();
            return Optional.of(() -> mail.sendNoPasswordLater(username, email, provider, linkBase + "/login"));
        }
        String token = Tokens.random();
        Account.getEntityManager().createNativeQuery(
                "INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES (?1, ?2, now() + make_interval(secs => ?3))")
                .setParameter(1, Tokens.sha256(token))
                .setParameter(2, account.id)
                .setParameter(3, (double) LIFETIME.toSeconds())
                .executeUpdate();
        String link = linkBase + "/reset-password?token=" + token;
        return Optional.of(() -> mail.sendPasswordResetLater(username, email, link));
    }

    private static Optional<Account> find(String identifier) {
        String typed = identifier == null ? "" : identifier.trim();
        if (typed.isEmpty() || typed.length() > MAX_IDENTIFIER) {
            return Optional.empty();
        }
        return typed.contains("@") ? Account.withVerifiedEmail(typed)
                : Account.findByUsername(typed.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code token} is a link that can still be used (for showing its form). */
    public boolean isCurrent(String token) {
        if (!wellFormed(token)) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> !Account.getEntityManager().createNativeQuery(
                "SELECT 1 FROM password_resets WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > now()")
                .setParameter(1, Tokens.sha256(token))
                .getResultList().isEmpty());
    }

    /**
     * Sets {@code replacement} as the password of the link's account and ends all its sessions.
     * The password is checked first, so a refused one leaves the link usable; the link is then
     * used by one statement in the transaction that changes the password, so of parallel posts
     * with one link exactly one changes it.
     *
     * @return the account's username; empty when the link does not work (wrong, used, expired)
     * @throws AccountException naming {@code password} when the new password is refused
     */
    public Optional<String> reset(String token, String replacement) {
        if (!isCurrent(token)) {
            return Optional.empty();
        }
        passwords.problem(replacement).ifPresent(m -> {
            throw AccountException.of("password", m);
        });
        // bcrypt is slow on purpose: outside the transaction, which then holds its locks briefly.
        String hash = passwords.hash(replacement);
        return QuarkusTransaction.requiringNew().call(() -> consume(Tokens.sha256(token), hash));
    }

    private Optional<String> consume(String tokenHash, String passwordHash) {
        @SuppressWarnings("unchecked")
        List<Number> used = Account.getEntityManager().createNativeQuery(
                "UPDATE password_resets SET used_at = now() WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > now()"
                        + " RETURNING account_id")
                .setParameter(1, tokenHash)
                .getResultList();
        if (used.isEmpty()) {
            return Optional.empty();
        }
        long accountId = used.get(0).longValue();
        Account account = Account.findById(accountId);
        if (account == null || account.passwordHash == null) {
            return Optional.empty();
        }
        account.passwordHash = passwordHash;
        account.sessionEpoch++;
        generations.bump(account.id);
        // One link used: the account's other links stop working too.
        Account.getEntityManager().createNativeQuery(
                "UPDATE password_resets SET used_at = now() WHERE account_id = ?1 AND used_at IS NULL")
                .setParameter(1, accountId)
                .executeUpdate();
        events.fire(new PasswordChanged(Instant.now(), account.username()));
        return Optional.of(account.username());
    }

    static boolean wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }
}
