package dev.hoist.account;

import dev.hoist.model.AccessMode;
import dev.hoist.model.AccessToken;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.events.AccessTokenActivated;
import dev.hoist.model.events.AccessTokenCreated;
import dev.hoist.model.events.AccessTokenDeactivated;
import dev.hoist.model.events.AccessTokenRevoked;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.SignInFailed;
import dev.hoist.model.events.SignInMethod;
import dev.hoist.model.events.SignInSucceeded;
import dev.hoist.platform.RequestOrigin;
import dev.hoist.platform.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Creating, checking and revoking personal access tokens. */
@ApplicationScoped
@Transactional
public class AccessTokenService {

    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    @jakarta.inject.Inject
    dev.hoist.quota.Quotas quotas;

    /** A new token and the secret to show once. */
    public record Created(AccessToken token, String secret) {
    }

    @Inject
    GrantGenerations generations;

    @Inject
    Event<DomainEvent> events;

    public Created create(Account owner, String description, String scope, String expiresInDays) {
        return create(owner, description, scope, expiresInDays, null);
    }

    /**
     * The same with the expiry as an instant ({@code expires_at} of the JSON API), from a minute to
     * ten years ahead; null for none.
     */
    public Created createExpiring(Account owner, String description, String scope, Instant expiresAt) {
        if (expiresAt != null && (expiresAt.isBefore(Instant.now().plus(Duration.ofMinutes(1)))
                || expiresAt.isAfter(Instant.now().plus(Duration.ofDays(3650))))) {
            throw InvalidInputException.of("expires", "Choose an expiry between a minute and ten years from now.");
        }
        return create(owner, description, scope, null, expiresAt);
    }

    private Created create(Account owner, String description, String scope, String expiresInDays, Instant expiresAt) {
        FieldErrors errors = new FieldErrors();
        String text = description == null ? "" : description.trim();
        if (text.isEmpty() || text.length() > 100) {
            errors.add("description", "Describe the token in 1 to 100 characters, such as \"CI on build-01\".");
        }
        AccessMode mode = switch (scope == null ? "" : scope) {
            case "READ" -> AccessMode.READ;
            case "WRITE" -> AccessMode.WRITE;
            case "ADMIN" -> AccessMode.ADMIN;
            default -> null;
        };
        if (mode == null) {
            errors.add("scope", "Choose what the token may do.");
        }
        Instant expires = expiresAt;
        if (expiresInDays != null && !expiresInDays.isBlank() && !"never".equals(expiresInDays)) {
            try {
                int days = Integer.parseInt(expiresInDays);
                if (days < 1 || days > 3650) {
                    throw new NumberFormatException();
                }
                expires = Instant.now().plus(Duration.ofDays(days));
            } catch (NumberFormatException e) {
                errors.add("expires", "Choose an expiry.");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        quotas.countCreation(owner);
        quotas.checkTokens(owner);
        String secret = AccessToken.PREFIX + Tokens.random();
        AccessToken token = new AccessToken();
        token.account = Account.findById(owner.id);
        token.description = text;
        token.scope = mode;
        token.tokenHash = Tokens.sha256(secret);
        token.expiresAt = expires;
        token.persist();
        events.fire(new AccessTokenCreated(Instant.now(), token.account.username(), token.id, text, mode.name()));
        return new Created(token, secret);
    }

    /** Deletes the token; registry grants issued before can then no longer push or delete. */
    public void revoke(Account owner, long tokenId) {
        AccessToken token = AccessToken.<AccessToken>find("id = ?1 and account.id = ?2", tokenId, owner.id).firstResult();
        if (token == null) {
            return;
        }
        // One statement decides: of two revokes at once, one deletes the row and the other finds it gone.
        if (AccessToken.delete("id = ?1 and account.id = ?2", tokenId, owner.id) == 1) {
            generations.bump(owner.id);
            events.fire(new AccessTokenRevoked(Instant.now(), owner.username(), tokenId, token.description));
        }
    }

    /** The token if {@code secret} is a live token of {@code username}; records its use, and the sign-in, right or wrong. */
    public Optional<AccessToken> check(String username, String secret) {
        return checked(username, secret, t -> t.account.username().equals(username));
    }

    /**
     * The token if {@code secret} is a live token of anyone, for the JSON API, which takes a token
     * alone as a bearer credential (the secret is a 256-bit random value: no username needed to pick it).
     */
    public Optional<AccessToken> check(String secret) {
        return checked(null, secret, t -> true);
    }

    private Optional<AccessToken> checked(String username, String secret, java.util.function.Predicate<AccessToken> owned) {
        if (secret == null || !secret.startsWith(AccessToken.PREFIX)) {
            return Optional.empty();
        }
        Optional<AccessToken> token = AccessToken.findBySecret(secret).filter(t -> owned.test(t) && t.isLive());
        token.ifPresent(AccessTokenService::recordUse);
        token.ifPresent(AccessTokenService::actingFromHereOn);
        events.fire(token.<DomainEvent>map(t -> new SignInSucceeded(Instant.now(), t.account.username(), SignInMethod.TOKEN))
                .orElseGet(() -> new SignInFailed(Instant.now(), null, username, SignInMethod.TOKEN,
                        SignInFailed.Reason.WRONG_CREDENTIALS)));
        return token;
    }

    /** What the token does in this request is its doing: the audit log names it beside its owner. */
    private static void actingFromHereOn(AccessToken token) {
        RequestOrigin origin = RequestOrigin.current();
        if (origin != null) {
            origin.actingToken(token.description);
        }
    }

    /**
     * Renames, deactivates or activates the token {@code uuid} of {@code owner} (null leaves a value
     * as it is); empty when the owner has no such token. Deactivating ends the registry grants
     * issued before, as revoking does.
     */
    public Optional<AccessToken> update(Account owner, UUID uuid, String description, Boolean active) {
        AccessToken token = AccessToken.findByUuidForUpdate(owner, uuid).orElse(null);
        if (token == null) {
            return Optional.empty();
        }
        if (description != null) {
            String text = description.trim();
            if (text.isEmpty() || text.length() > 100) {
                throw InvalidInputException.of("description", "Describe the token in 1 to 100 characters, such as \"CI on build-01\".");
            }
            token.description = text;
        }
        if (active != null && active != token.active) {
            token.active = active;
            if (!active) {
                generations.bump(owner.id);
                events.fire(new AccessTokenDeactivated(Instant.now(), owner.username(), token.id, token.description));
            } else {
                events.fire(new AccessTokenActivated(Instant.now(), owner.username(), token.id, token.description));
            }
        }
        return Optional.of(token);
    }

    /** Revokes the token {@code uuid} of {@code owner}; whether there was one. */
    public boolean revoke(Account owner, UUID uuid) {
        Optional<AccessToken> token = AccessToken.findByUuid(owner, uuid);
        token.ifPresent(t -> revoke(owner, t.id));
        return token.isPresent();
    }

    /**
     * Pages show the last use to the minute, so a token used in a loop (a CI pushing layers) is
     * written at most once a minute instead of once per token request.
     */
    private static void recordUse(AccessToken token) {
        Instant now = Instant.now();
        if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USE_PRECISION))) {
            // One statement: a revocation that deleted the row a moment ago leaves it nothing to do, not a failed commit.
            AccessToken.update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)",
                    now, token.id, now.minus(LAST_USE_PRECISION));
        }
    }
}
