package dev.hoist.oidc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.model.IdentityLink;
import dev.hoist.support.KeycloakProfile;
import dev.hoist.support.KeycloakResource;
import dev.hoist.support.KeycloakSignIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Signing in through a real Keycloak over HTTP, and ID tokens Hoist must refuse. */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class OidcLoginTest {

    @TestHTTPResource("/")
    URL base;

    private String hoist() {
        return base.toString().replaceAll("/+$", "");
    }

    private static Account account(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElse(null));
    }

    @Test
    void firstSignInMakesALinkedAccountWithoutPasswordAndLaterSignInsFindIt() {
        HttpResponse<String> home = new KeycloakSignIn().signIn(hoist(), KeycloakResource.USER, KeycloakResource.USER_PASSWORD);

        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("data-testid=\"header-username\">" + KeycloakResource.USER + "<"), home.body());
        Account account = account(KeycloakResource.USER);
        assertNull(account.passwordHash);
        assertTrue(account.emailVerified, "Keycloak said email_verified");
        assertEquals(KeycloakResource.USER + "@example.test", account.email);

        new KeycloakSignIn().signIn(hoist(), KeycloakResource.USER, KeycloakResource.USER_PASSWORD);
        assertEquals(account.id, account(KeycloakResource.USER).id);
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> IdentityLink.count("account.id", account.id)));
    }

    @Test
    void theSignInLinkKeepsNextThroughKeycloak() {
        KeycloakSignIn flow = new KeycloakSignIn();
        String login = flow.visit(hoist() + "/login?next=/settings/tokens").body();
        Matcher link = Pattern.compile("href=\"([^\"]+)\" data-testid=\"oidc-sign-in\"").matcher(login);
        assertTrue(link.find(), login);
        assertEquals("/login/oidc?next=%2Fsettings%2Ftokens", link.group(1));

        HttpResponse<String> end = flow.signInFrom(hoist() + link.group(1), KeycloakResource.USER, KeycloakResource.USER_PASSWORD);

        assertEquals("/settings/tokens", end.uri().getPath());
        assertTrue(end.body().contains("<h1>Personal access tokens</h1>"), end.body());
    }

    @Test
    void aNextThatLeavesHoistEndsOnTheHomePage() {
        KeycloakSignIn flow = new KeycloakSignIn();
        flow.signIn(hoist(), KeycloakResource.USER, KeycloakResource.USER_PASSWORD); // Keycloak's session spares the form below
        for (String next : List.of("//evil.example", "https://evil.example/", "/\\evil.example", "/\\/evil.example",
                "http:evil.example", "javascript:alert(1)", "evil.example", "/%2F/evil.example\r\nLocation: https://evil.example",
                "\t//evil.example")) {
            // KeycloakSignIn fails the test on any redirect off this machine.
            HttpResponse<String> end = flow.visit(hoist() + "/login/oidc?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            if (next.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '\t')) {
                // Control characters are refused at the edge (dev.hoist.edge), before any redirect.
                assertEquals(400, end.statusCode(), next);
                continue;
            }
            assertEquals(URI.create(hoist() + "/"), end.uri(), next);
            assertTrue(end.body().contains("data-testid=\"header-username\">" + KeycloakResource.USER + "<"), next);
        }
        Matcher link = Pattern.compile("href=\"([^\"]+)\" data-testid=\"oidc-sign-in\"")
                .matcher(given().get("/login?next=//evil.example").asString());
        assertTrue(link.find());
        assertEquals("/login/oidc", link.group(1), "the sign-in page drops a next that leaves Hoist");
    }

    @Test
    void theRegistryRefusesTheKeycloakPassword() {
        new KeycloakSignIn().signIn(hoist(), KeycloakResource.USER, KeycloakResource.USER_PASSWORD);

        given().auth().preemptive().basic(KeycloakResource.USER, KeycloakResource.USER_PASSWORD)
                .queryParam("service", "hoist")
                .get("/token")
                .then().statusCode(401);
    }

    @Test
    void anIdTokenWithABadSignatureOrFromAnotherIssuerIsRefused() throws Exception {
        KeycloakSignIn flow = new KeycloakSignIn();
        flow.signIn(hoist(), KeycloakResource.USER, KeycloakResource.USER_PASSWORD);
        SecretKey key = OidcUtils.createSecretKeyFromDigest(KeycloakResource.CLIENT_SECRET);
        assertNotNull(flow.quarkusSession(), "quarkus-oidc set its session cookie during the flow");
        String idToken = OidcUtils.decryptString(flow.quarkusSession(), key);
        String[] parts = idToken.split("\\.");

        // The real token, as quarkus-oidc stores it, signs in: the forgeries below are refused for their content.
        assertSignsIn(OidcUtils.encryptString(idToken, key));

        String otherPayload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"email\":\"", "\"email\":\"x");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(otherPayload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(OidcUtils.encryptString(tampered, key));

        assertRefused(OidcUtils.encryptString(selfSigned("http://127.0.0.1:1/realms/other", headerKid(parts[0])), key));
        assertRefused(OidcUtils.encryptString(selfSigned(KeycloakResource.issuer(), headerKid(parts[0])), key));
    }

    private void assertSignsIn(String quarkusSession) {
        Response response = given().redirects().follow(false).cookie("q_session", quarkusSession).get("/login/oidc");
        assertEquals(303, response.statusCode(), response.asString());
        assertNotNull(response.getCookie("hoist_session"));
    }

    private void assertRefused(String quarkusSession) {
        Response response = given().redirects().follow(false).cookie("q_session", quarkusSession).get("/login/oidc");
        String session = response.getCookie("hoist_session");
        assertTrue(session == null || session.isEmpty(), "no Hoist session for a forged ID token");
        // quarkus-oidc answers 401 to a session cookie it cannot verify (or sends the browser to Keycloak).
        assertTrue(response.statusCode() == 401
                || response.statusCode() == 302 && response.header("Location").startsWith(KeycloakResource.issuer()),
                "refused with " + response.statusCode());
        assertFalse(response.asString().contains(KeycloakResource.USER));
    }

    private static String headerKid(String header) {
        String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
        return json.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    /** A well-formed ID token for the Keycloak user, signed with a key Keycloak never had. */
    private static String selfSigned(String issuer, String kid) throws Exception {
        RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
        jwk.setKeyId(kid);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("forged-subject");
        claims.setAudience("hoist");
        claims.setClaim("azp", "hoist");
        claims.setClaim("typ", "ID");
        claims.setClaim("preferred_username", "forger");
        claims.setClaim("email", "forger@example.test");
        claims.setClaim("email_verified", true);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(jwk.getPrivateKey());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
