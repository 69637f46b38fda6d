package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.AccessTokenActivated;
import dev.hoist.model.events.AccessTokenDeactivated;
import dev.hoist.model.events.OrganizationTokenRevoked;
import dev.hoist.support.AuditRows;
import dev.hoist.support.AuditRows.Row;
import dev.hoist.support.Burst;
import dev.hoist.support.OrgTokens;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What organization tokens do is the token's in the audit log; token changes are events; revocation wins a race. */
@QuarkusTest
class OrgTokenAuditTest {

    @Inject
    RecordedEvents recorded;

    private static Visitor signIn(String user) {
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", user, "password", "password123")).then().statusCode(303);
        return visitor;
    }

    @Test
    void aPushWithAnOrganizationTokenIsTheTokensNotAPersons() throws Exception {
        String owner = People.newVerified("auoat");
        String org = OrgTokens.organization(signIn(owner), "auoato");
        Pushes.image(owner, org + "/app", "v1");
        OrgTokens.Made token = OrgTokens.create(owner, org, Map.of(org + "/app", OrgTokens.PUSH));

        RegistryClient.as(org, token.secret()).pushImage(org + "/app", OciLayout.image(120), "v2");

        Row pushed = AuditRows.where("repository", org + "/app").stream()
                .filter(r -> r.action().equals("manifest.pushed") && "v2".equals(r.target())).findFirst().orElseThrow();
        assertNull(pushed.actor());
        assertTrue(pushed.actorToken().endsWith("(" + token.id() + ")"), pushed.actorToken());
        assertEquals(org, pushed.namespace());
        List<String> orgActions = AuditRows.actions("namespace", org);
        assertTrue(orgActions.contains("organization_token.created"), orgActions.toString());
        OrgTokens.revoke(owner, org, token.id());
        Row revoked = AuditRows.where("namespace", org).stream().filter(r -> r.action().equals("organization_token.revoked"))
                .findFirst().orElseThrow();
        assertEquals(owner, revoked.actor());
        assertTrue(revoked.details().toString().contains(token.id()));
    }

    @Test
    void deactivatingAPersonalTokenIsAnEventOnceAndAuditedAndActivatingItAgainToo() {
        String me = People.newVerified("deact");
        String uuid = given().auth().preemptive().basic(me, "password123").contentType("application/json")
                .body(Map.of("token_label", "ci", "scopes", List.of("repo:read"))).post("/v2/access-tokens")
                .then().statusCode(201).extract().path("uuid");
        int before = recorded.of(AccessTokenDeactivated.class).size();
        for (int i = 0; i < 2; i++) {
            given().auth().preemptive().basic(me, "password123").contentType("application/json").body(Map.of("is_active", false))
                    .patch("/v2/access-tokens/" + uuid).then().statusCode(200);
        }
        assertEquals(before + 1, recorded.of(AccessTokenDeactivated.class).size());
        assertEquals(me, recorded.of(AccessTokenDeactivated.class).get(before).actor());
        given().auth().preemptive().basic(me, "password123").contentType("application/json").body(Map.of("is_active", true))
                .patch("/v2/access-tokens/" + uuid).then().statusCode(200);
        assertTrue(recorded.of(AccessTokenActivated.class).stream().anyMatch(e -> me.equals(e.actor())));
        List<String> actions = AuditRows.actions("account", me);
        assertTrue(actions.contains("access_token.deactivated") && actions.contains("access_token.activated"), actions.toString());
    }

    @Test
    void aBurstOfRevocationsAndUsesEndsWithTheTokenRefusedAndOneRevocation() {
        String owner = People.newVerified("raceoat");
        String org = OrgTokens.organization(signIn(owner), "raceo");
        OrgTokens.Made token = OrgTokens.create(owner, org, Map.of(org + "/*", OrgTokens.PULL));
        int before = recorded.of(OrganizationTokenRevoked.class).size();

        List<Integer> statuses = Burst.of(12, i -> i % 3 == 0
                ? given().auth().preemptive().basic(owner, "password123").delete("/v2/orgs/" + org + "/access-tokens/" + token.id())
                        .statusCode()
                : given().auth().preemptive().basic(org, token.secret()).queryParam("service", "hoist").get("/token").statusCode());

        List<Integer> revokes = List.of(statuses.get(0), statuses.get(3), statuses.get(6), statuses.get(9));
        assertEquals(1, Burst.count(revokes, 204), statuses.toString());
        assertEquals(3, Burst.count(revokes, 404), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 204 || s == 401 || s == 404), statuses.toString());
        assertEquals(before + 1, recorded.of(OrganizationTokenRevoked.class).size());
        given().auth().preemptive().basic(org, token.secret()).get("/token").then().statusCode(401);
    }

    @Test
    void aBurstOfUsesDuringAPersonalTokensRevocationNeverFails() {
        String me = People.newVerified("racepat");
        String uuid = given().auth().preemptive().basic(me, "password123").contentType("application/json")
                .body(Map.of("token_label", "ci", "scopes", List.of("repo:read"))).post("/v2/access-tokens")
                .then().statusCode(201).extract().path("uuid");
        String secret = given().auth().preemptive().basic(me, "password123").contentType("application/json")
                .body(Map.of("token_label", "ci2", "scopes", List.of("repo:read"))).post("/v2/access-tokens")
                .then().statusCode(201).extract().path("token");
        String secretUuid = given().auth().preemptive().basic(me, "password123").get("/v2/access-tokens")
                .then().statusCode(200).extract().path("results.find { it.token_label == 'ci2' }.uuid");

        List<Integer> statuses = Burst.of(10, i -> i == 0
                ? given().auth().preemptive().basic(me, "password123").delete("/v2/access-tokens/" + secretUuid).statusCode()
                : given().auth().preemptive().basic(me, secret).queryParam("service", "hoist").get("/token").statusCode());

        assertEquals(204, statuses.get(0), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 204 || s == 401), statuses.toString());
        given().auth().preemptive().basic(me, secret).get("/token").then().statusCode(401);
        given().auth().preemptive().basic(me, "password123").get("/v2/access-tokens/" + uuid).then().statusCode(200);
    }
}
