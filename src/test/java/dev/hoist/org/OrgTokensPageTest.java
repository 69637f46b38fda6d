package dev.hoist.org;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.OrgTokens;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The organization's access tokens page: owners make (shown once), see and revoke tokens; nobody else sees it. */
@QuarkusTest
class OrgTokensPageTest {

    private static final Pattern SECRET = Pattern.compile("value=\"(hoist_oat_[A-Za-z0-9_-]+)\"");

    @Test
    void anOwnerMakesATokenSeesItOnceUsesItAndRevokesIt() {
        String owner = Visitor.uniqueName("pgoat");
        Visitor visitor = People.verified(owner);
        String org = OrgTokens.organization(visitor, "pgoato");
        String page = "/orgs/" + org + "/settings/tokens";
        visitor.get("/orgs/" + org).then().statusCode(200).body(containsString("href=\"" + page + "\""));

        Response made = visitor.submit(page, page, Map.of("label", "CI pulls", "paths", org + "/*", "access", "pull",
                "expires", "30"));
        made.then().statusCode(200).header("Cache-Control", containsString("no-store"));
        Matcher secret = SECRET.matcher(made.asString());
        assertTrue(secret.find(), "the new token is shown");
        String shown = visitor.get(page).then().statusCode(200).body(containsString("CI pulls"))
                .body(containsString(org + "/*")).body(containsString("never")).extract().asString();
        assertTrue(!shown.contains(secret.group(1)), "the secret is shown once only");

        io.restassured.RestAssured.given().auth().preemptive().basic(org, secret.group(1)).get("/token").then().statusCode(200);
        visitor.get(page).then().body(not(containsString("<td data-testid=\"last-used\">never")));

        String id = Pattern.compile("name=\"id\" value=\"([0-9a-f-]{36})\"").matcher(shown).results().findFirst().orElseThrow().group(1);
        visitor.submit(page, page + "/revoke", Map.of("id", id)).then().statusCode(303);
        visitor.get(page).then().body(containsString("No tokens yet."));
        io.restassured.RestAssured.given().auth().preemptive().basic(org, secret.group(1)).get("/token").then().statusCode(401);
    }

    @Test
    void mistakesAreShownNextToTheFormAndForgedOrForeignRequestsAreRefused() {
        String owner = Visitor.uniqueName("pgbad");
        Visitor visitor = People.verified(owner);
        String org = OrgTokens.organization(visitor, "pgbado");
        String page = "/orgs/" + org + "/settings/tokens";

        visitor.submit(page, page, Map.of("label", "", "paths", "library/*", "access", "push", "expires", "30"))
                .then().statusCode(400).body(containsString("Name the token")).body(containsString("library/*"))
                .body(containsString("path must be a repository of " + org));
        visitor.submit(page, page, Map.of("label", "nul\u0000", "paths", org + "/*", "access", "pull", "expires", "9999999"))
                .then().statusCode(400);
        // No CSRF token: refused, nothing made.
        int forged = visitor.post(page, Map.of("label", "forged", "paths", org + "/*", "access", "pull", "expires", "30"))
                .statusCode();
        assertEquals(403, forged);
        visitor.get(page).then().body(not(containsString("forged")));

        String member = People.newVerified("pgmem");
        visitor.submit("/orgs/" + org + "/teams", "/orgs/" + org + "/teams", Map.of("name", "devs", "description", ""))
                .then().statusCode(303);
        visitor.submit("/orgs/" + org + "/teams/devs", "/orgs/" + org + "/teams/devs/members", Map.of("username", member))
                .then().statusCode(303);
        Visitor memberVisitor = new Visitor();
        memberVisitor.submit("/login", "/login", Map.of("username", member, "password", "password123")).then().statusCode(303);
        String missing = memberVisitor.get("/orgs/nosuchorgqq/settings/tokens").asString();
        memberVisitor.get(page).then().statusCode(404);
        assertEquals(missing.replace("nosuchorgqq", org), memberVisitor.get(page).asString().replace("nosuchorgqq", org));
        memberVisitor.get("/orgs/" + org).then().body(not(containsString(page)));
        new Visitor().get(page).then().statusCode(303);
    }
}
