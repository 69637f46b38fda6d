package dev.hoist.account;

import dev.hoist.model.Account;
import dev.hoist.model.AccountSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Starts, finds and ends browser sessions ({@link AccountSession}). */
@ApplicationScoped
@Transactional
public class Sessions {

    /** Last seen is written at most this often per session, so browsing costs no write per page. */
    static final Duration LAST_SEEN_STEP = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Starts a session and returns the token for the cookie (256 random bits, base64url). The
     * account's expired and superseded sessions go at the same time, so the table stays small.
     */
    public String start(Account account, Duration maxAge, String userAgent, String address) {
        Account managed = Account.findById(account.id);
        Instant now = Instant.now();
        AccountSession.delete("account.id = ?1 and (expiresAt < ?2 or epoch <> ?3)", managed.id, now, managed.sessionEpoch);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        AccountSession session = new AccountSession();
        session.account = managed;
        session.tokenHash = hash(token);
        session.epoch = managed.sessionEpoch;
        session.userAgent = printable(userAgent, 300);
        session.address = printable(address, 64);
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = now.plus(maxAge);
        session.persist();
        return token;
    }

    /** The live session the cookie token names, with its account: one indexed query. */
    @Transactional(TxType.SUPPORTS)
    public Optional<AccountSession> find(String token) {
        return AccountSession.findLive(hash(token));
    }

    /** Records that the session was used now, from {@code address}, if the last record is a minute old. */
    @Transactional(TxType.REQUIRES_NEW)
    public void touch(AccountSession session, String address) {
        Instant now = Instant.now();
        if (session.lastSeenAt.isAfter(now.minus(LAST_SEEN_STEP))) {
            return;
        }
        AccountSession.update("lastSeenAt = ?1, address = ?2 where id = ?3 and lastSeenAt < ?4",
                now, printable(address, 64), session.id, now.minus(LAST_SEEN_STEP));
    }

    /** Ends one session (signing out). */
    public void end(AccountSession session) {
        AccountSession.delete("id", session.id);
    }

    /** Ends the account's session {@code id}; false if it has no such session. */
    public boolean end(Account account, long id) {
        return AccountSession.delete("id = ?1 and account.id = ?2", id, account.id) > 0;
    }

    /** Ends every session of the account but {@code keep}; returns how many ended. */
    public long endOthers(Account account, AccountSession keep) {
        return AccountSession.delete("account.id = ?1 and id <> ?2", account.id, keep.id);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Header text as it may be stored and shown: no control characters (PostgreSQL refuses NUL), bounded. */
    private static String printable(String text, int max) {
        String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", "").strip();
        return clean.length() > max ? clean.substring(0, max) : clean;
    }
}
