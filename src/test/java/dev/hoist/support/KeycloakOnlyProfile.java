package dev.hoist.support;

import java.util.Map;

/** Keycloak as the only way in: {@code hoist.oidc.local-login=false}, no local form, sign-up or passwords. */
public class KeycloakOnlyProfile extends KeycloakProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hoist.oidc.local-login", "false");
    }
}
