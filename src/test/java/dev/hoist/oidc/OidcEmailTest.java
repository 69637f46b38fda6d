package dev.hoist.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.model.IdentityLink;
import dev.hoist.support.KeycloakAdmin;
import dev.hoist.support.KeycloakProfile;
import dev.hoist.support.KeycloakResource;
import dev.hoist.support.KeycloakSignIn;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keycloak users' email addresses: one a local account already uses, and one changed in Keycloak later. */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class OidcEmailTest {

    static final String PASSWORD = "keycloak-pass-2";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern EMAIL = Pattern.compile("data-testid=\"current-email\">([^<]*)<");

    @TestHTTPResource("/")
    URL base;

    private String hoist() {
        return base.toString().replaceAll("/+$", "");
    }

    @Test
    void aKeycloakUserWithTheEmailOfALocalAccountIsRefusedNotMerged() {
        String local = People.newVerified("local");
        String email = local + "@example.test";
        String keycloakName = Visitor.uniqueName("kc");
        String subject = KeycloakResource.admin().createUser(keycloakName, email, true, PASSWORD);

        KeycloakSignIn flow = new KeycloakSignIn();
        HttpResponse<String> page = flow.signIn(hoist(), keycloakName, PASSWORD);

        assertEquals(409, page.statusCode(), page.body());
        assertTrue(page.body().contains("A Hoist account already uses <strong>" + email + "</strong>"), page.body());
        assertTrue(page.body().contains("sign in to it</a> with its Hoist username and password"), page.body());
        assertNull(flow.cookie(hoist(), "hoist_session"), "no session");
        assertFalse(flow.visit(hoist() + "/").body().contains("data-testid=\"header-username\""), "not signed in");
        assertFalse(account(keycloakName).isPresent(), "no account made");
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> IdentityLink.count("subject", subject)));
        Account owner = QuarkusTransaction.requiringNew().call(() -> Account.<Account>find("lower(email) = ?1", email).singleResult());
        assertEquals(local, owner.username(), "the address still belongs to the local account alone");

        // The page's button ends the Keycloak session, so another Keycloak user can sign in.
        String token = match(CSRF, page.body());
        HttpResponse<String> home = flow.post(hoist() + "/logout", "csrf-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertTrue(home.body().contains("You are signed out."), home.body());
        assertTrue(flow.visit(hoist() + "/login/oidc").body().contains("id=\"kc-form-login\""), "Keycloak asks for a password again");
    }

    @Test
    void laterSignInsTakeTheEmailChangedInKeycloakUnlessAnotherAccountHasIt() {
        KeycloakAdmin admin = KeycloakResource.admin();
        String name = Visitor.uniqueName("kcmail");
        String userId = admin.createUser(name, name + "@example.test", true, PASSWORD);
        assertEquals(name + "@example.test", emailOnSettings(name));

        admin.changeEmail(userId, name + "@new.example.test", false);
        KeycloakSignIn flow = signedIn(name);
        String settings = flow.visit(hoist() + "/settings").body();
        assertEquals(name + "@new.example.test", match(EMAIL, settings));
        assertTrue(settings.contains("data-testid=\"unverified\""), "Keycloak has not verified the new address");

        admin.changeEmail(userId, name + "@new.example.test", true);
        settings = signedIn(name).visit(hoist() + "/settings").body();
        assertFalse(settings.contains("data-testid=\"unverified\""), "verified once Keycloak says so");

        // An address another Hoist account has: the sign-in works and the account keeps its own.
        String other = People.newVerified("other");
        admin.changeEmail(userId, other + "@example.test", true);
        assertEquals(name + "@new.example.test", emailOnSettings(name));
        assertEquals(other + "@example.test", account(other).orElseThrow().email);

        // Keycloak owns the address: Hoist's settings offer no form, and refuse a change posted anyway.
        flow = signedIn(name);
        settings = flow.visit(hoist() + "/settings").body();
        assertTrue(settings.contains("data-testid=\"email-from-provider\""), settings);
        assertFalse(settings.contains("action=\"/settings/email\""), settings);
        HttpResponse<String> refused = flow.post(hoist() + "/settings/email", "email=" + name + "%40elsewhere.test&csrf-token="
                + URLEncoder.encode(match(CSRF, settings), StandardCharsets.UTF_8));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("change it there"), refused.body());
        assertEquals(name + "@new.example.test", account(name).orElseThrow().email);
    }

    private KeycloakSignIn signedIn(String name) {
        KeycloakSignIn flow = new KeycloakSignIn();
        HttpResponse<String> home = flow.signIn(hoist(), name, PASSWORD);
        assertTrue(home.body().contains("data-testid=\"header-username\">" + name + "<"), home.body());
        return flow;
    }

    private String emailOnSettings(String name) {
        return match(EMAIL, signedIn(name).visit(hoist() + "/settings").body());
    }

    private static java.util.Optional<Account> account(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username));
    }

    private static String match(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertTrue(m.find(), "no " + pattern + " in " + html);
        return m.group(1);
    }
}
