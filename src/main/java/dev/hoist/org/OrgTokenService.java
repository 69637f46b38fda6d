package dev.hoist.org;

import dev.hoist.access.Access;
import dev.hoist.access.OrganizationTokenGrant;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Forbidden;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.OrganizationToken;
import dev.hoist.model.OrganizationTokenResource;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.OrganizationTokenActivated;
import dev.hoist.model.events.OrganizationTokenCreated;
import dev.hoist.model.events.OrganizationTokenDeactivated;
import dev.hoist.model.events.OrganizationTokenRevoked;
import dev.hoist.model.events.OrganizationTokenUpdated;
import dev.hoist.platform.RequestOrigin;
import dev.hoist.platform.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Organization access tokens: made, changed and revoked by the organization's (verified) owners,
 * checked when a client signs in with one. Anyone else is told the organization's tokens do not
 * exist (not a member: 404) or that they may not manage them (a member: 403).
 */
@ApplicationScoped
@Transactional
public class OrgTokenService {

    /** Far more than anyone needs, and a bound on what one owner's script can pile up. */
    public static final int MAX_TOKENS = 100;
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    @Inject
    Access access;

    @Inject
    Event<DomainEvent> events;

    /** A new token and the secret to show once. */
    public record Created(OrganizationToken token, String secret) {
    }

    /** What may change on a token; null leaves a value as it is. */
    public record Changes(String label, String description, List<OrgTokenRules.Input> resources, Boolean active) {
    }

    /** Refuses anyone but a verified owner: 404 to outsiders, 403 to members. */
    public void requireOwner(Account who, Organization org) {
        if (access.canManage(who, org)) {
            return;
        }
        if (who != null && (access.isMember(who, org) || access.isSiteAdmin(who))) {
            throw new Forbidden();
        }
        throw new NotFound();
    }

    public List<OrganizationToken> list(Account who, Organization org) {
        requireOwner(who, org);
        return OrganizationToken.of(org);
    }

    public OrganizationToken get(Account who, Organization org, UUID id) {
        requireOwner(who, org);
        return OrganizationToken.findByUuid(org, id).orElseThrow(NotFound::new);
    }

    public Created create(Account who, Organization org, String label, String description,
            List<OrgTokenRules.Input> resources, Instant expiresAt) {
        requireOwner(who, org);
        FieldErrors errors = new FieldErrors();
        String checkedLabel = OrgTokenRules.label(label, errors);
        String checkedDescription = OrgTokenRules.description(description, errors);
        List<OrganizationTokenResource> checked = OrgTokenRules.resources(org, resources, errors);
        OrgTokenRules.expiry(expiresAt, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // The organization's row is the lock: of a burst of creations, each counts after the one before.
        Organization locked = Organization.findById(org.id, LockModeType.PESSIMISTIC_WRITE);
        if (OrganizationToken.count("organization.id", org.id) >= MAX_TOKENS) {
            throw InvalidInputException.of("label", "An organization has at most " + MAX_TOKENS
                    + " tokens; revoke one you no longer use.");
        }
        String secret = OrganizationToken.PREFIX + Tokens.random();
        OrganizationToken token = new OrganizationToken();
        token.organization = locked;
        token.label = checkedLabel;
        token.description = checkedDescription;
        token.resources = new ArrayList<>(checked);
        token.tokenHash = Tokens.sha256(secret);
        token.createdBy = who.username();
        token.expiresAt = expiresAt;
        token.persist();
        events.fire(new OrganizationTokenCreated(Instant.now(), who.username(), org.name(), token.uuid.toString(),
                token.label, shown(checked)));
        return new Created(token, secret);
    }

    /** Changes a token; empty when the organization has no such token. */
    public Optional<OrganizationToken> update(Account who, Organization org, UUID id, Changes changes) {
        requireOwner(who, org);
        FieldErrors errors = new FieldErrors();
        String label = changes.label() == null ? null : OrgTokenRules.label(changes.label(), errors);
        String description = changes.description() == null ? null : OrgTokenRules.description(changes.description(), errors);
        List<OrganizationTokenResource> resources = changes.resources() == null ? null
                : OrgTokenRules.resources(org, changes.resources(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        OrganizationToken token = OrganizationToken.findByUuidForUpdate(org, id).orElse(null);
        if (token == null) {
            return Optional.empty();
        }
        List<String> changed = new ArrayList<>();
        if (label != null && !label.equals(token.label)) {
            token.label = label;
            changed.add("label");
        }
        if (description != null && !description.equals(token.description)) {
            token.description = description;
            changed.add("description");
        }
        if (resources != null && !shown(resources).equals(shown(token.resources))) {
            token.resources.clear();
            token.resources.addAll(resources);
            changed.add("resources");
        }
        String tokenId = token.uuid.toString();
        if (!changed.isEmpty()) {
            events.fire(new OrganizationTokenUpdated(Instant.now(), who.username(), org.name(), tokenId, token.label, changed));
        }
        if (changes.active() != null && changes.active() != token.active) {
            token.active = changes.active();
            events.fire(token.active
                    ? new OrganizationTokenActivated(Instant.now(), who.username(), org.name(), tokenId, token.label)
                    : new OrganizationTokenDeactivated(Instant.now(), who.username(), org.name(), tokenId, token.label));
        }
        return Optional.of(token);
    }

    /** Revokes (deletes) the token; whether there was one. It is refused from the next request on. */
    public boolean revoke(Account who, Organization org, UUID id) {
        requireOwner(who, org);
        OrganizationToken token = OrganizationToken.findByUuid(org, id).orElse(null);
        if (token == null) {
            return false;
        }
        String label = token.label;
        // One statement decides: of two revokes at once, one deletes the row and the other finds it gone.
        if (OrganizationToken.delete("id = ?1 and organization.id = ?2", token.id, org.id) != 1) {
            return false;
        }
        events.fire(new OrganizationTokenRevoked(Instant.now(), who.username(), org.name(), id.toString(), label));
        return true;
    }

    /**
     * The token if {@code secret} is a live token of the organization {@code orgName} (any organization
     * when null: a token sent alone as a bearer credential); records its use.
     */
    public Optional<OrganizationToken> check(String orgName, String secret) {
        if (secret == null || !secret.startsWith(OrganizationToken.PREFIX)) {
            return Optional.empty();
        }
        Optional<OrganizationToken> token = OrganizationToken.findBySecret(secret)
                .filter(t -> t.isLive() && (orgName == null || t.organization.name().equals(orgName)));
        token.ifPresent(OrgTokenService::recordUse);
        token.ifPresent(OrgTokenService::actingFromHereOn);
        return token;
    }

    /** The grant of the live token {@code id}, for each request made with a registry token issued from it. */
    public Optional<OrganizationTokenGrant> live(UUID id) {
        Optional<OrganizationToken> token = OrganizationToken.findByUuid(id).filter(OrganizationToken::isLive);
        token.ifPresent(OrgTokenService::actingFromHereOn);
        return token.map(OrganizationTokenGrant::of);
    }

    /** What the token does in this request is its doing: the audit log names it, and no person. */
    private static void actingFromHereOn(OrganizationToken token) {
        RequestOrigin origin = RequestOrigin.current();
        if (origin != null) {
            origin.actingOrganizationToken(token.shownName());
        }
    }

    /**
     * Pages show the last use to the minute, so it is written at most once a minute; in one
     * statement, which finds nothing to update when a revocation deleted the row a moment ago
     * (an entity changed in memory would fail the whole request at commit instead).
     */
    private static void recordUse(OrganizationToken token) {
        Instant now = Instant.now();
        if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USE_PRECISION))) {
            OrganizationToken.update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)",
                    now, token.id, now.minus(LAST_USE_PRECISION));
        }
    }

    private static List<String> shown(List<OrganizationTokenResource> resources) {
        return resources.stream().map(r -> r.path + ":" + String.join(",", r.scopes())).toList();
    }
}
