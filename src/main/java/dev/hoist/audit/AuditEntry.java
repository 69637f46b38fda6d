package dev.hoist.audit;

import java.time.Instant;

/**
 * One line of the audit log: who ({@code actor}, and the token they used if any) did what
 * ({@code action}, such as {@code repository.created}) to what ({@code namespace},
 * {@code repository}, {@code target}), when, from where, with the particulars as JSON.
 * {@code account} names the account whose security the entry concerns (sign-ins, tokens,
 * password, email), so each user can be shown their own.
 */
public record AuditEntry(long id, Instant at, String actor, String actorToken, String action, String namespace,
        String repository, String target, String account, String clientAddress, String details) {

    private static final java.time.format.DateTimeFormatter SHOWN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** The time as people read it, to the second, in UTC (the page states the zone). */
    public String when() {
        return at == null ? "" : SHOWN.format(at);
    }

    /**
     * The actor as people read it: the username, the token it used, or "anonymous". A token with
     * no username is an organization access token acting in no person's name.
     */
    public String actorLabel() {
        if (actor == null && actorToken != null) {
            return "organization token " + actorToken;
        }
        String who = actor == null ? "anonymous" : actor;
        return actorToken == null ? who : who + " (token " + actorToken + ")";
    }
}
