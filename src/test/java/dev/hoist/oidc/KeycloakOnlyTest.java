package dev.hoist.oidc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.account.AccessTokenService;
import dev.hoist.account.AccountService;
import dev.hoist.model.Account;
import dev.hoist.support.KeycloakOnlyProfile;
import dev.hoist.support.KeycloakResource;
import dev.hoist.support.KeycloakSignIn;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hoist.oidc.local-login=false}: Keycloak is the only way in. The server itself refuses local
 * sign-up and password sign-in (not only the page), and the registry takes only personal access tokens.
 */
@QuarkusTest
@TestProfile(KeycloakOnlyProfile.class)
class KeycloakOnlyTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final String LOCAL_PASSWORD = "local-password-1";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AccountService accounts;

    @Inject
    AccessTokenService tokens;

    /**
     * A real session and CSRF token (taken from the sign-out form of a Keycloak user): the forms
     * below are refused for what they are, not for a missing token.
     */
    private static String session;
    private static String csrfToken;

    @BeforeEach
    void takeACsrfToken() {
        if (csrfToken != null) {
            return;
        }
        KeycloakSignIn flow = new KeycloakSignIn();
        HttpResponse<String> home = flow.signIn(hoist(), KeycloakResource.USER, KeycloakResource.USER_PASSWORD);
        Matcher m = CSRF.matcher(home.body());
        assertTrue(m.find(), home.body());
        csrfToken = m.group(1);
        session = flow.cookie(hoist(), "hoist_session");
    }

    private String hoist() {
        return base.toString().replaceAll("/+$", "");
    }

    @Test
    void theSignInPageOffersOnlyKeycloak() {
        String page = given().get("/login?next=/settings").then().statusCode(200).extract().asString();
        assertTrue(page.contains(">Sign in with Keycloak</a>"), page);
        assertTrue(page.contains("href=\"/login/oidc?next=%2Fsettings\""), page);
        assertFalse(page.contains("name=\"password\""), "no local form");
        assertFalse(page.contains("action=\"/login\""), "no local form");
        assertFalse(page.contains("href=\"/signup\""), "no sign-up link, in the page or the header");
    }

    @Test
    void signUpAnswersWithAPageThatPointsToKeycloakAndMakesNoAccount() {
        String page = given().get("/signup").then().statusCode(404).extract().asString();
        assertTrue(page.contains("Sign-in goes through Keycloak"), page);
        assertTrue(page.contains("href=\"/login/oidc\""), page);

        String name = Visitor.uniqueName("form");
        Response posted = post("/signup", Map.of("username", name, "email", name + "@example.test", "password", LOCAL_PASSWORD));
        assertEquals(404, posted.statusCode());
        assertTrue(posted.asString().contains("no sign-up of its own"), posted.asString());
        assertNoSession(posted);
        assertFalse(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).isPresent()), "no account made");
    }

    @Test
    void aLocalAccountsPasswordSignsInNowhereButItsTokensStillWork() {
        String name = Visitor.uniqueName("old");
        Account account = accounts.signUp(name, name + "@example.test", LOCAL_PASSWORD);
        String token = tokens.create(account, "ci", "READ", null).secret();

        Response posted = post("/login", Map.of("username", name, "password", LOCAL_PASSWORD, "next", "/settings"));
        assertEquals(403, posted.statusCode());
        assertTrue(posted.asString().contains("does not take passwords"), posted.asString());
        assertNoSession(posted);

        Response refused = given().auth().preemptive().basic(name, LOCAL_PASSWORD).get("/token?service=hoist");
        assertEquals(401, refused.statusCode());
        assertTrue(refused.asString().contains("personal access token"), refused.asString());
        given().auth().preemptive().basic(name, token).get("/token?service=hoist").then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("grant_type", "password", "username", name, "password", LOCAL_PASSWORD))
                .post("/token").then().statusCode(401);
    }

    @Test
    void forgotPasswordAnswersAsAPasswordSignInDoesAndMailsNothing() {
        String name = Visitor.uniqueName("fgt");
        accounts.signUp(name, name + "@example.test", LOCAL_PASSWORD);
        QuarkusTransaction.requiringNew().run(() -> Account.findByUsername(name).orElseThrow().emailVerified = true);

        for (String path : new String[] {"/forgot-password", "/forgot-password/sent", "/reset-password?token=" + "A".repeat(43)}) {
            String page = given().get(path).then().statusCode(403).extract().asString();
            assertTrue(page.contains("does not take passwords"), path + ": " + page);
        }
        Response asked = post("/forgot-password", Map.of("identifier", name));
        assertEquals(403, asked.statusCode());
        assertTrue(asked.asString().contains("does not take passwords"), asked.asString());
        long links = QuarkusTransaction.requiringNew().call(() -> ((Number) Account.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM password_resets r JOIN accounts a ON a.id = r.account_id"
                        + " JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?1")
                .setParameter(1, name).getSingleResult()).longValue());
        assertEquals(0, links, "no link made");
        assertEquals(403, post("/reset-password", Map.of("token", "A".repeat(43), "password", "whatever123")).statusCode());
    }

    @Test
    void aKeycloakUserSignsInAndIsToldToUseTokens() {
        KeycloakSignIn flow = new KeycloakSignIn();
        HttpResponse<String> home = flow.signIn(hoist(), KeycloakResource.USER, KeycloakResource.USER_PASSWORD);
        assertTrue(home.body().contains("data-testid=\"header-username\">" + KeycloakResource.USER + "<"), home.body());
        String settings = flow.visit(hoist() + "/settings").body();
        assertTrue(settings.contains("data-testid=\"passwords-off\""), settings);
        assertFalse(settings.contains("action=\"/settings/password\""), settings);
    }

    @Test
    void aKeycloakUserWithTheEmailOfALocalAccountIsRefused() {
        String local = Visitor.uniqueName("held");
        accounts.signUp(local, local + "@example.test", LOCAL_PASSWORD);
        String keycloakName = Visitor.uniqueName("kc");
        KeycloakResource.admin().createUser(keycloakName, local + "@example.test", true, OidcEmailTest.PASSWORD);

        KeycloakSignIn flow = new KeycloakSignIn();
        HttpResponse<String> page = flow.signIn(hoist(), keycloakName, OidcEmailTest.PASSWORD);
        assertEquals(409, page.statusCode());
        assertTrue(page.body().contains("ask your administrator"), page.body());
        assertNull(flow.cookie(hoist(), "hoist_session"));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(keycloakName).isPresent()));
    }

    private Response post(String path, Map<String, String> fields) {
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("csrf-token", csrfToken);
        return given().redirects().follow(false).cookie("hoist_session", session)
                .contentType("application/x-www-form-urlencoded").formParams(form).post(path);
    }

    private static void assertNoSession(Response response) {
        String session = response.getCookie("hoist_session");
        assertTrue(session == null || session.isEmpty(), "no session cookie");
    }
}
