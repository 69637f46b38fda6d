package dev.hoist.model.events;

/** What a sign-in was checked with: a password (the sign-in page, or Basic at /token) or a personal access token (/token). */
public enum SignInMethod {
    PASSWORD, TOKEN
}
