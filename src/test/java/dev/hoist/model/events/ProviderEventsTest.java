package dev.hoist.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.KeycloakProfile;
import dev.hoist.support.KeycloakResource;
import dev.hoist.support.KeycloakSignIn;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Signing in through a real Keycloak: the first time makes the account, every time is a sign-in. */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class ProviderEventsTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    RecordedEvents recorded;

    @Test
    void theFirstSignInCreatesTheAccountAndEachSignInIsHeard() {
        String name = Visitor.uniqueName("evkc");
        KeycloakResource.admin().createUser(name, name + "@example.test", true, "keycloak-pass-2");
        String hoist = base.toString().replaceAll("/+$", "");
        EventLog log = EventLog.watching(recorded, name);

        assertEquals(200, new KeycloakSignIn().signIn(hoist, name, "keycloak-pass-2").statusCode());
        log.expect(new AccountCreated(null, name, true), new SignInSucceeded(null, name, SignInMethod.PROVIDER));

        assertEquals(200, new KeycloakSignIn().signIn(hoist, name, "keycloak-pass-2").statusCode());
        log.expect(new SignInSucceeded(null, name, SignInMethod.PROVIDER));
    }
}
