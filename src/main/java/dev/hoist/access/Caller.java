package dev.hoist.access;

import dev.hoist.model.Account;

/**
 * Who acts, and through what: the account (null when anonymous) and, when a personal access
 * token was used, its scope (READ, WRITE or ADMIN), which caps every permission the account has.
 */
public record Caller(Account account, String tokenScope) {

    public static Caller anonymous() {
        return new Caller(null, null);
    }
}
