package dev.hoist.model.events;

/**
 * What a sign-in was checked with: a password (the sign-in page, or Basic at /token), a personal
 * access token (/token), or the identity provider (its failures stay with the provider).
 */
public enum SignInMethod {
    PASSWORD, TOKEN, PROVIDER
}
