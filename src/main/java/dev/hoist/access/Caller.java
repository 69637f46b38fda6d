package dev.hoist.access;

import dev.hoist.model.Account;

import java.util.UUID;

/**
 * Who acts, and through what: the account (null when anonymous) and, when a personal access
 * token was used, its scope (READ, WRITE or ADMIN), which caps every permission the account has,
 * and its id ({@code tokenId}, so that what was derived from the token ends with it). An
 * organization access token is a caller with no account and its {@code organizationToken} grant.
 */
public record Caller(Account account, String tokenScope, UUID tokenId, OrganizationTokenGrant organizationToken) {

    public Caller(Account account, String tokenScope, UUID tokenId) {
        this(account, tokenScope, tokenId, null);
    }

    public Caller(Account account, String tokenScope) {
        this(account, tokenScope, null, null);
    }

    /** An organization access token acting: no account, only what the token's resources allow. */
    public static Caller of(OrganizationTokenGrant token) {
        return new Caller(null, null, token.tokenId(), token);
    }

    public boolean isOrganizationToken() {
        return organizationToken != null;
    }

    public static Caller anonymous() {
        return new Caller(null, null);
    }
}
