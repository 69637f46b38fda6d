package dev.hoist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Hoist with "Sign in with Keycloak" on, against a real Keycloak; only the tests that name this profile start it. */
public class KeycloakProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakResource.class));
    }
}
