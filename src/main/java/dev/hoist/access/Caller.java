package dev.hoist.access;

import dev.hoist.model.Account;

import java.util.UUID;

/**
 * Who acts, and through what: the account (null when anonymous) and, when a personal access
 * token was used, its scope (READ, WRITE or ADMIN), which caps every permission the account has,
 * and its id ({@code tokenId}, so that what was derived from the token ends with it).
 */
public record Caller(Account account, String tokenScope, UUID tokenId) {

    public Caller(Account account, String tokenScope) {
        this(account, tokenScope, null);
    }

    public static Caller anonymous() {
        return new Caller(null, null);
    }
}
