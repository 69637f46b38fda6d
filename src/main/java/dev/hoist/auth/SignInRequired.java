package dev.hoist.auth;

/** Thrown by pages that need a signed-in user; answered with a redirect to the sign-in page. */
public class SignInRequired extends RuntimeException {

    public SignInRequired() {
        super(null, null, false, false);
    }
}
