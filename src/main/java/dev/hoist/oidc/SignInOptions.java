package dev.hoist.oidc;

import dev.hoist.platform.HoistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Which ways of signing in the pages offer: the local form, the identity provider, or both. */
@ApplicationScoped
@Named("signInOptions")
public class SignInOptions {

    @Inject
    HoistConfig config;

    /** "Sign in with Keycloak" is offered. */
    public boolean oidc() {
        return config.oidc().enabled();
    }

    /** The local username/password form and sign-up; always on when no provider is configured. */
    public boolean local() {
        return !oidc() || config.oidc().localLogin();
    }

    public String providerName() {
        return config.oidc().providerName();
    }
}
