package dev.hoist.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.AuditRows;
import dev.hoist.support.AuditRows.Row;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.SignInFailed;
import dev.hoist.model.events.SignInMethod;
import dev.hoist.model.events.TeamCreated;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each change made through the pages leaves its entry, with who, from where and what changed; a refusal leaves none. */
@QuarkusTest
class AuditTrailTest {

    private static final String ADDRESS = "203.0.113.7";

    @Test
    void aRepositoryCreatedMadePrivateAndDeletedIsThreeEntriesFromTheClientsAddress() {
        String me = People.newVerified("aurepo");
        Visitor owner = signIn(me).from(ADDRESS);
        Visitor stranger = signIn(People.newVerified("aurepostr"));
        Repos.create(owner, me, "app", false, "", "");
        String settings = "/r/" + me + "/app/settings";

        stranger.submit("/settings", settings + "/visibility", Map.of("visibility", "private")).then().statusCode(403);
        owner.submit(settings, settings + "/delete", Map.of("confirm", "wrong")).then().statusCode(400);
        assertEquals(List.of("repository.created"), AuditRows.actions("repository", me + "/app"));

        owner.submit(settings, settings + "/visibility", Map.of("visibility", "private")).then().statusCode(303);
        owner.submit(settings, settings + "/delete", Map.of("confirm", me + "/app")).then().statusCode(303);

        List<Row> rows = AuditRows.where("repository", me + "/app");
        assertEquals(List.of("repository.created", "repository.updated", "repository.deleted"),
                rows.stream().map(Row::action).toList());
        for (Row row : rows) {
            assertEquals(me, row.actor());
            assertEquals(me, row.namespace());
            assertEquals(ADDRESS, row.clientAddress());
            assertNull(row.actorToken());
        }
        assertEquals(false, rows.get(0).details().get("isPrivate").asBoolean());
        assertEquals("public", rows.get(1).details().at("/visibility/before").asText());
        assertEquals("private", rows.get(1).details().at("/visibility/after").asText());
        assertEquals("[\"VISIBILITY\"]", rows.get(1).details().get("changes").toString());
    }

    @Test
    void organizationTeamMemberPermissionAndCollaboratorChangesAreEntriesOfTheirNamespace() {
        String me = People.newVerified("auorgown");
        Visitor owner = signIn(me).from(ADDRESS);
        String bob = People.newVerified("auorgbob");
        Visitor stranger = signIn(People.newVerified("auorgstr"));
        String org = Visitor.uniqueName("auorg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String teams = "/orgs/" + org + "/teams";
        String devs = teams + "/devs";

        stranger.submit("/settings", teams, Map.of("name", "devs", "description", "")).then().statusCode(404);
        owner.submit(teams, teams, Map.of("name", "owners", "description", "")).then().statusCode(400);
        assertEquals(List.of("organization.created", "member.added"), AuditRows.actions("namespace", org));

        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        owner.submit(devs, devs + "/members", Map.of("username", bob)).then().statusCode(303);
        Repos.create(owner, org, "api", true, "", "");
        owner.submit(devs, devs + "/permissions", Map.of("repository", "api", "permission", "WRITE")).then().statusCode(303);
        owner.submit(devs, devs + "/permissions/remove", Map.of("repository", "api")).then().statusCode(303);
        owner.submit(devs, devs + "/members/remove", Map.of("username", bob)).then().statusCode(303);
        owner.submit(devs, devs + "/edit", Map.of("name", "builders", "description", "")).then().statusCode(303);
        owner.submit(teams + "/builders", teams + "/builders/delete", Map.of()).then().statusCode(303);

        List<Row> rows = AuditRows.where("namespace", org);
        assertEquals(List.of("organization.created", "member.added", "team.created", "member.added", "repository.created",
                "permission.granted", "permission.revoked", "member.removed", "team.renamed", "team.deleted"),
                rows.stream().map(Row::action).toList());
        assertTrue(rows.stream().allMatch(r -> me.equals(r.actor()) && ADDRESS.equals(r.clientAddress())), rows.toString());
        Row added = rows.get(3);
        assertEquals(bob, added.target());
        assertEquals("devs", added.details().get("team").asText());
        Row granted = rows.get(5);
        assertEquals(org + "/api", granted.repository());
        assertEquals("devs", granted.target());
        assertEquals("WRITE", granted.details().get("permission").asText());
        Row renamed = rows.get(8);
        assertEquals("devs", renamed.details().get("from").asText());
        assertEquals("builders", renamed.details().get("to").asText());

        // Collaborators belong to user-owned repositories.
        Repos.create(owner, me, "tool", false, "", "");
        String settings = "/r/" + me + "/tool/settings";
        owner.submit(settings, settings + "/collaborators", Map.of("username", bob)).then().statusCode(303);
        owner.submit(settings, settings + "/collaborators/remove", Map.of("username", bob)).then().statusCode(303);
        List<Row> tool = AuditRows.where("repository", me + "/tool");
        assertEquals(List.of("repository.created", "collaborator.added", "collaborator.removed"),
                tool.stream().map(Row::action).toList());
        assertEquals(bob, tool.get(1).target());
    }

    @Test
    void defaultPrivacyAndTheVerifiedBadgeAreEntriesWhenTheyChangeAndOnlyThen() {
        String me = People.newVerified("auprivacy");
        Visitor owner = signIn(me).from(ADDRESS);
        String org = Visitor.uniqueName("auprivorg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String members = "/orgs/" + org + "/members";

        owner.submit(members, "/orgs/" + org + "/privacy", Map.of("privacy", "private")).then().statusCode(303);
        owner.submit(members, "/orgs/" + org + "/privacy", Map.of("privacy", "private")).then().statusCode(303);
        owner.submit("/settings", "/settings/privacy", Map.of("privacy", "private")).then().statusCode(303);
        Visitor admin = People.siteAdmin();
        admin.submit("/orgs/" + org, "/orgs/" + org + "/verified-publisher", Map.of("verified", "true")).then().statusCode(303);
        admin.submit("/orgs/" + org, "/orgs/" + org + "/verified-publisher", Map.of("verified", "false")).then().statusCode(303);
        // A refused change is no entry.
        owner.submit("/settings", "/orgs/" + org + "/verified-publisher", Map.of("verified", "true")).then().statusCode(403);

        List<Row> rows = AuditRows.where("namespace", org);
        assertEquals(List.of("organization.created", "member.added", "default_privacy.changed", "verified_badge.changed",
                "verified_badge.changed"), rows.stream().map(Row::action).toList());
        assertTrue(rows.get(2).details().get("isPrivate").asBoolean(), rows.get(2).toString());
        assertEquals(me, rows.get(2).actor());
        assertTrue(rows.get(3).details().get("verified").asBoolean());
        assertFalse(rows.get(4).details().get("verified").asBoolean());
        assertEquals(List.of("default_privacy.changed"), AuditRows.where("namespace", me).stream().map(Row::action)
                .filter(a -> a.startsWith("default_privacy")).toList());
    }

    @Test
    void signInsTokensPasswordAndEmailAreTheAccountsSecurityEntries() {
        String me = People.newVerified("ausec");
        Visitor visitor = new Visitor().from(ADDRESS);
        visitor.submit("/login", "/login", Map.of("username", me, "password", "not-the-password")).then().statusCode(401);
        visitor.submit("/login", "/login", Map.of("username", me, "password", "password123")).then().statusCode(303);
        String page = visitor.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", "laptop", "scope", "READ", "expires", "30")).asString();
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("value=\"(hoist_pat_[A-Za-z0-9_-]+)\"").matcher(page);
        assertTrue(secret.find());
        io.restassured.RestAssured.given().auth().preemptive().basic(me, secret.group(1)).header("X-Forwarded-For", "198.51.100.9")
                .queryParam("service", "hoist").get("/token").then().statusCode(200);
        long tokenId = AuditRows.where("account", me).stream().filter(r -> r.action().equals("access_token.created"))
                .findFirst().orElseThrow().details().get("tokenId").asLong();
        visitor.submit("/settings/tokens", "/settings/tokens/revoke", Map.of("id", String.valueOf(tokenId))).then().statusCode(303);
        visitor.submit("/settings", "/settings/password", Map.of("current", "password123", "password", "newpassword1"))
                .then().statusCode(303);
        visitor.submit("/settings", "/settings/email", Map.of("email", me + "@new.example.test")).then().statusCode(303);

        List<Row> rows = AuditRows.where("account", me);
        List<String> actions = rows.stream().map(Row::action).toList();
        int first = actions.indexOf("sign_in.failed");
        assertEquals(List.of("sign_in.failed", "sign_in.succeeded", "access_token.created", "sign_in.succeeded",
                "access_token.revoked", "password.changed", "email.changed"), actions.subList(first, actions.size()));
        List<Row> mine = rows.subList(first, rows.size());
        Row failed = mine.get(0);
        assertNull(failed.actor());
        assertEquals("WRONG_CREDENTIALS", failed.details().get("reason").asText());
        assertEquals("PASSWORD", failed.details().get("method").asText());
        assertEquals(ADDRESS, failed.clientAddress());
        assertEquals("laptop", mine.get(2).target());
        assertEquals("READ", mine.get(2).details().get("scope").asText());
        Row byToken = mine.get(3);
        assertEquals("TOKEN", byToken.details().get("method").asText());
        assertEquals("laptop", byToken.actorToken());
        assertEquals("198.51.100.9", byToken.clientAddress());
        assertEquals(me + "@new.example.test", mine.get(6).details().get("to").asText());
        assertTrue(rows.stream().noneMatch(r -> r.details().toString().contains("password123")
                || r.details().toString().contains("hoist_pat_")), "never a secret");
        assertTrue(mine.stream().filter(r -> r != byToken).allMatch(r -> ADDRESS.equals(r.clientAddress())), rows.toString());
    }

    @Test
    void aFailedSignInWithANameNobodyHasIsRecordedToo() {
        String nobody = Visitor.uniqueName("aunobody");
        new Visitor().from(ADDRESS).submit("/login", "/login", Map.of("username", nobody, "password", "whatever1"))
                .then().statusCode(401);
        List<Row> rows = AuditRows.where("account", nobody);
        assertEquals(List.of("sign_in.failed"), rows.stream().map(Row::action).toList());
        assertEquals(nobody, rows.get(0).target());
    }

    @Test
    void aFloodOfSignInsToALockedAccountIsRecordedOnceAMinute() {
        String me = People.newVerified("auflood");
        Visitor attacker = new Visitor().from("192.0.2.66");
        for (int i = 0; i < 15; i++) {
            attacker.submit("/login", "/login", Map.of("username", me, "password", "guess" + i));
        }

        List<Row> failures = AuditRows.where("account", me).stream().filter(r -> r.action().equals("sign_in.failed")).toList();
        assertEquals(5, failures.stream().filter(r -> r.details().get("reason").asText().equals("WRONG_CREDENTIALS")).count());
        assertEquals(1, failures.stream().filter(r -> r.details().get("reason").asText().equals("LOCKED")).count(),
                "the first refusal of the lock, not its repeats");
    }

    @Inject
    Event<DomainEvent> events;

    @Test
    void aChangeThatRollsBackLeavesNoEntryButAFailedSignInStays() {
        String org = Visitor.uniqueName("aurollback");
        String typed = Visitor.uniqueName("aurbname");

        // As a service whose transaction fails after the change: the commit is refused.
        assertThrows(io.quarkus.narayana.jta.QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            events.fire(new TeamCreated(Instant.now(), "someone", org, "devs"));
            events.fire(new SignInFailed(Instant.now(), null, typed, SignInMethod.PASSWORD, SignInFailed.Reason.WRONG_CREDENTIALS));
            QuarkusTransaction.setRollbackOnly();
        }));

        assertEquals(List.of(), AuditRows.actions("namespace", org), "the entry went with its change");
        assertEquals(List.of("sign_in.failed"), AuditRows.actions("account", typed), "a refusal is recorded whatever happens after");
    }

    @Test
    void entriesCannotBeUpdatedDeletedOrTruncated() {
        String me = People.newVerified("auappend");
        long id = AuditRows.where("account", me).get(0).id();

        assertThrows(RuntimeException.class, () -> AuditRows.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = " + id));
        assertThrows(RuntimeException.class, () -> AuditRows.execute("DELETE FROM audit_log WHERE id = " + id));
        assertThrows(RuntimeException.class, () -> AuditRows.execute("TRUNCATE audit_log"));

        assertEquals(me, AuditRows.where("account", me).get(0).actor());
    }

    private static Visitor signIn(String username) {
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", username, "password", "password123")).then().statusCode(303);
        return visitor;
    }
}
