package dev.hoist.account;

import dev.hoist.model.Account;
import dev.hoist.platform.HoistConfig;
import dev.hoist.platform.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mails an account's address: the verification link, or, when another account has verified that
 * address, a word to its owner instead. Every mail first takes its place within the limits per
 * account and per recipient, so nobody can make Hoist a mail cannon.
 */
@ApplicationScoped
public class VerificationSender {

    /** What became of a mail. {@code retryAt} is set when a limit held it back. */
    public record Outcome(boolean sent, Instant retryAt) {

        public boolean limited() {
            return retryAt != null;
        }
    }

    @Inject
    AccountService accounts;

    @Inject
    VerificationMail mail;

    @Inject
    RateLimiter limiter;

    @Inject
    HoistConfig config;

    /** Takes a place for one mail to {@code recipient} caused by {@code account}; empty when granted, else when to retry. */
    public Optional<Instant> reserve(Account account, String recipient) {
        HoistConfig.Mail limits = config.mail();
        return limiter.take(List.of(
                new RateLimiter.Bucket("mail-account:" + account.id, limits.perAccount(), limits.window()),
                new RateLimiter.Bucket("mail-to:" + recipient.trim().toLowerCase(Locale.ROOT), limits.perRecipient(), limits.window())));
    }

    /** Reserves, then mails the account's current address (links start with {@code linkBase}). */
    public Outcome send(Account account, String linkBase) {
        Optional<Instant> wait = reserve(account, account.email);
        if (wait.isPresent()) {
            return new Outcome(false, wait.get());
        }
        return new Outcome(deliver(account, linkBase), null);
    }

    /** Mails the account's current address, for a place already reserved. */
    public boolean deliver(Account account, String linkBase) {
        // Both kinds of mail do the same database work and one SMTP exchange: the answer's
        // timing must not tell whether the address is someone else's.
        AccountService.VerificationStart start = accounts.startVerification(account);
        if (start.holder().isPresent()) {
            return mail.sendAddressInUse(start.holder().get(), account.username(), account.email, linkBase);
        }
        return mail.send(account.username(), account.email, linkBase + "/verify-email?token=" + start.token());
    }
}
