package dev.hoist.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forged requests of every shape against the portal: each is refused with 403 and changes nothing. */
@QuarkusTest
class CsrfTest {

    private static final String SELF_MADE = "AAAAAAAAAAAAAAAAAAAAAA";

    @TestHTTPResource("/")
    URL base;

    /** An owner of a fresh organization with a team "devs", signed in. */
    private record Org(String name, Visitor owner) {
        String path() {
            return "/orgs/" + name;
        }
    }

    private static Org newOrg() {
        String owner = Visitor.uniqueName("own");
        String org = Visitor.uniqueName("org");
        Visitor visitor = People.verified(owner);
        visitor.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        visitor.submit("/orgs/" + org + "/teams", "/orgs/" + org + "/teams", Map.of("name", "devs")).then().statusCode(303);
        return new Org(org, visitor);
    }

    @Test
    void aSelfMadeCookieAndFieldPairIsRefused() {
        Org org = newOrg();

        Response forged = given().redirects().follow(false)
                .cookie("hoist_session", org.owner().cookie("hoist_session")).cookie("hoist_csrf", SELF_MADE)
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", SELF_MADE, "name", "forged"))
                .post(org.path() + "/teams");

        assertEquals(403, forged.statusCode());
        assertTrue(forged.asString().contains("This form has expired"), forged.asString());
        org.owner().get(org.path() + "/teams/forged").then().statusCode(404);
    }

    @Test
    void aTokenFromTheAttackersOwnPageIsWorthlessInTheVictimsSession() {
        Org org = newOrg();
        Visitor attacker = People.verified(Visitor.uniqueName("atk"));
        String attackersToken = tokenOf(attacker.get("/settings").asString());

        Response forged = org.owner().post(org.path() + "/teams", Map.of("csrf-token", attackersToken, "name", "forged"));

        assertEquals(403, forged.statusCode());
        org.owner().get(org.path() + "/teams/forged").then().statusCode(404);
    }

    @Test
    void aPostWithNoBodyAndNoContentTypeIsRefused() throws Exception {
        Org org = newOrg();
        String owner = org.owner().get("/settings").asString().replaceAll("(?s).*data-testid=\"header-username\">([^<]+)<.*", "$1");
        Repos.create(org.owner(), owner, "starred", false, "", "");
        String session = org.owner().cookie("hoist_session");

        for (String path : new String[] { org.path() + "/teams/devs/delete", "/r/" + owner + "/starred/star",
                "/settings/verification", "/admin/storage/collect", "/logout" }) {
            HttpResponse<String> answer = bodylessPost(path, session);
            assertEquals(403, answer.statusCode(), path);
            assertTrue(answer.body().contains("This form has expired"), path);
        }
        org.owner().get(org.path() + "/teams/devs").then().statusCode(200);
        org.owner().get("/r/" + owner + "/starred").then().body(containsString("data-testid=\"star-count\">0<"));
        org.owner().get("/settings").then().statusCode(200); // still signed in: the sign-out was refused
    }

    @Test
    void anotherOriginIsRefusedEvenWithAValidToken() {
        Org org = newOrg();
        String token = tokenOf(org.owner().get(org.path() + "/teams").asString());
        String otherPort = "http://127.0.0.1:" + (base.getPort() + 1);

        Response byOrigin = org.owner().request().header("Origin", otherPort).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", token, "name", "byorigin")).post(org.path() + "/teams");
        Response bySite = org.owner().request().header("Sec-Fetch-Site", "same-site").contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", token, "name", "bysite")).post(org.path() + "/teams");
        Response nullOrigin = org.owner().request().header("Origin", "null").contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", token, "name", "bynull")).post(org.path() + "/teams");

        assertEquals(403, byOrigin.statusCode());
        assertEquals(403, bySite.statusCode());
        assertEquals(403, nullOrigin.statusCode());
        for (String team : new String[] { "byorigin", "bysite", "bynull" }) {
            org.owner().get(org.path() + "/teams/" + team).then().statusCode(404);
        }

        String ownOrigin = "http://" + base.getHost() + ":" + base.getPort();
        org.owner().request().header("Origin", ownOrigin).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", token, "name", "fine")).post(org.path() + "/teams").then().statusCode(303);
        org.owner().get(org.path() + "/teams/fine").then().statusCode(200);
    }

    @Test
    void theTokenMayComeInAHeaderAndAnyContentTypeIsChecked() {
        Org org = newOrg();
        String token = tokenOf(org.owner().get(org.path() + "/teams").asString());

        int plain = org.owner().request().contentType("text/plain").body("name=plain").post(org.path() + "/teams/devs/delete")
                .statusCode();
        assertTrue(plain == 403 || plain == 415, "refused: " + plain);
        org.owner().get(org.path() + "/teams/devs").then().statusCode(200);

        org.owner().request().header("X-CSRF-Token", token).post(org.path() + "/teams/devs/delete").then().statusCode(303);
        org.owner().get(org.path() + "/teams/devs").then().statusCode(404);
    }

    @Test
    void aGarbledCsrfCookieIsARefusalPageOnAPostAndReplacedOnAPage() {
        Visitor visitor = new Visitor();
        String name = Visitor.uniqueName("garb");
        String token = tokenOf(visitor.get("/signup").asString());
        visitor.withCookie("hoist_csrf", "short");

        Response post = visitor.post("/signup", Map.of("csrf-token", token, "username", name,
                "email", name + "@example.test", "password", "password123"));
        assertEquals(403, post.statusCode());
        assertTrue(post.asString().contains("This form has expired"));
        assertFalse(post.asString().isEmpty());

        visitor.withCookie("hoist_csrf", "x".repeat(40));
        Response page = visitor.get("/signup");
        assertEquals(200, page.statusCode());
        assertFalse("x".repeat(40).equals(visitor.cookie("hoist_csrf")), "the garbled cookie is replaced");
        visitor.submit("/signup", "/signup", Map.of("username", name, "email", name + "@example.test", "password", "password123"))
                .then().statusCode(303);
    }

    @Test
    void registryClientsNeedNoToken() {
        String name = Visitor.uniqueName("reg");
        People.verified(name);
        String bearer = given().auth().preemptive().basic(name, "password123")
                .get("/token?service=hoist&scope=repository:" + name + "/app:pull,push").then().statusCode(200)
                .extract().path("token");

        given().header("Authorization", "Bearer " + bearer).post("/v2/" + name + "/app/blobs/uploads/")
                .then().statusCode(202);
    }

    private HttpResponse<String> bodylessPost(String path, String session) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Cookie", "hoist_session=" + session)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String tokenOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "the page has a form");
        return m.group(1);
    }
}
