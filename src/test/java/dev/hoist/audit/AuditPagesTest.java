package dev.hoist.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.support.AuditRows;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Who may read which log, and what the readers get: filters, pages, exports. */
@QuarkusTest
class AuditPagesTest {

    private static final Pattern ENTRY = Pattern.compile("data-testid=\"audit-entry\"");

    @Test
    void onlyOwnersAndSiteAdministratorsSeeAnOrganizationsLogAndEveryoneElseGetsTheMissingPage() {
        String owner = People.newVerified("aupown");
        String member = People.newVerified("aupmem");
        Visitor ownerVisitor = signIn(owner);
        String org = organization(ownerVisitor);
        String teams = "/orgs/" + org + "/teams";
        ownerVisitor.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        ownerVisitor.submit(teams + "/devs", teams + "/devs/members", Map.of("username", member)).then().statusCode(303);
        Visitor outsider = signIn(People.newVerified("aupout"));
        Visitor memberVisitor = signIn(member);

        Response owners = ownerVisitor.get("/orgs/" + org + "/audit");
        assertEquals(200, owners.statusCode());
        assertTrue(owners.asString().contains("team.created"), "the owner reads the log");
        assertTrue(ownerVisitor.get("/orgs/" + org + "/members").asString().contains("/orgs/" + org + "/audit"), "linked for owners");
        assertEquals(200, People.siteAdmin().get("/orgs/" + org + "/audit").statusCode());

        for (Visitor refused : List.of(outsider, memberVisitor)) {
            String missing = refused.get("/orgs/" + Visitor.uniqueName("nosuchorg") + "/audit").then().statusCode(404).extract().asString();
            String hidden = refused.get("/orgs/" + org + "/audit").then().statusCode(404).extract().asString();
            assertEquals(missing, hidden, "a log one may not read looks exactly like a missing organization");
            refused.get("/orgs/" + org + "/audit/export?format=csv").then().statusCode(404);
        }
        assertFalse(memberVisitor.get("/orgs/" + org + "/members").asString().contains("/audit"), "not linked for members");
        // Signed out: the sign-in page, whether the organization exists or not.
        Visitor anonymous = new Visitor();
        assertEquals(anonymous.get("/orgs/nosuchorg1/audit").statusCode(), anonymous.get("/orgs/" + org + "/audit").statusCode());
        assertEquals(303, anonymous.get("/orgs/" + org + "/audit/export?format=jsonl").statusCode());

        outsider.get("/admin/audit").then().statusCode(404);
        ownerVisitor.get("/admin/audit").then().statusCode(404);
        Response admin = People.siteAdmin().get("/admin/audit?actor=" + owner);
        assertEquals(200, admin.statusCode());
        assertTrue(admin.asString().contains("organization.created"));
    }

    @Test
    void filtersNarrowTheLogAndItIsReadAPageAtATime() {
        Visitor owner = signIn(People.newVerified("aupfilt"));
        String org = organization(owner);
        for (int i = 0; i < 120; i++) {
            insert(org, i % 2 == 0 ? "alice" : "bob", i % 3 == 0 ? "repository.created" : "manifest.pushed",
                    org + "/app" + (i % 4), "2031-01-" + String.format("%02d", 1 + i % 28));
        }
        String base = "/orgs/" + org + "/audit";

        assertEquals(50, entries(owner.get(base)));
        Response last = owner.get(base + "?page=3");
        assertEquals(22, entries(last), "120 inserted + organization.created + member.added");
        assertTrue(last.asString().contains("Page 3 of 3"));
        assertEquals(50, entries(owner.get(base + "?page=zz%00")), "a page number that is none is the first page");

        assertEquals(60, total(owner.get(base + "?actor=alice")));
        assertEquals(40, total(owner.get(base + "?action=repository.created")));
        assertEquals(40, total(owner.get(base + "?action=repository")), "a prefix: every repository.*");
        assertEquals(1, total(owner.get(base + "?action=member")), "member.added of the founder");
        assertEquals(0, total(owner.get(base + "?action=member_")), "'_' is no wildcard");
        assertEquals(0, total(owner.get(base + "?action=repo")));
        assertEquals(30, total(owner.get(base + "?repository=app1")));
        assertEquals(30, total(owner.get(base + "?repository=" + org + "/app1")));
        assertEquals(20, total(owner.get(base + "?actor=bob&action=repository.created")));
        assertEquals(0, total(owner.get(base + "?actor=bob&repository=app2")));
        assertEquals(15, total(owner.get(base + "?from=2031-01-01&to=2031-01-03")), "days 1 to 3, inclusive");
        assertEquals(5, total(owner.get(base + "?from=2031-01-03&to=2031-01-03")), "one day");
        Response paged = owner.get(base + "?actor=alice&page=2");
        assertEquals(10, entries(paged));
        assertTrue(paged.asString().contains("href=\"" + base + "?actor=alice&amp;page=1\""), "paging keeps the filters");

        for (String bad : List.of("?from=2031-13-01", "?from=2031-01-05&to=2031-01-01", "?actor=" + "x".repeat(80),
                "?action=DROP%20TABLE", "?repository=..%2F..")) {
            Response refused = owner.get(base + bad);
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(refused.asString().contains("class=\"error\""), bad);
            assertEquals(400, owner.get(base + "/export" + bad + "&format=csv").statusCode(), bad);
        }
        assertEquals(400, owner.get(base + "/export?format=xml").statusCode());
    }

    @Test
    void exportsHoldTheFilteredEntriesAsCsvSafeForSpreadsheetsAndAsJsonLines() throws Exception {
        Visitor owner = signIn(People.newVerified("aupexp"));
        String org = organization(owner);
        AuditRows.execute("INSERT INTO audit_log (at, actor, action, namespace, target, details) VALUES "
                + "(now(), 'mallory', 'team.created', '" + org + "', '=HYPERLINK(\"http://evil.example\",\"x\")', "
                + "'{\"note\":\"a, \\\"quoted\\\"\\nline\"}')");
        String base = "/orgs/" + org + "/audit/export";

        Response csv = owner.get(base + "?format=csv&actor=mallory");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").startsWith("attachment; filename=\"audit-" + org + "-"));
        String[] lines = csv.asString().split("\r\n");
        assertEquals("id,time,actor,actor_token,action,namespace,repository,target,account,client_address,details", lines[0]);
        assertEquals(2, lines.length, csv.asString());
        assertTrue(lines[1].contains(",\"mallory\",\"\",\"team.created\",\"" + org + "\",\"\","
                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","), lines[1]);
        assertTrue(lines[1].endsWith("\"{\"\"note\"\": \"\"a, \\\"\"quoted\\\"\"\\nline\"\"}\""), lines[1]);

        Response jsonl = owner.get(base + "?format=jsonl");
        assertEquals(200, jsonl.statusCode());
        assertTrue(jsonl.contentType().startsWith("application/x-ndjson"), jsonl.contentType());
        List<String> records = jsonl.asString().lines().toList();
        assertEquals(3, records.size(), "organization.created, member.added and mallory's");
        ObjectMapper json = new ObjectMapper();
        JsonNode newest = json.readTree(records.get(0));
        assertEquals("mallory", newest.get("actor").asText());
        assertEquals("=HYPERLINK(\"http://evil.example\",\"x\")", newest.get("target").asText(), "JSON needs no defusing");
        assertEquals("a, \"quoted\"\nline", newest.at("/details/note").asText());
        assertEquals("organization.created", json.readTree(records.get(2)).get("action").asText());
    }

    @Test
    void anExportHoldsEveryEntryAcrossManyBatchesEvenWhenTheyShareOneInstant() {
        Visitor owner = signIn(People.newVerified("aupbig"));
        String org = organization(owner);
        // 2,500 entries written in one instant: the export reads 1,000 at a time, so each next batch must
        // start right after the last entry handed, by time and then by id.
        AuditRows.execute("INSERT INTO audit_log (at, actor, action, namespace, target, details) SELECT "
                + "timestamptz '2026-01-01 00:00:00+00', 'bulk', 'team.created', '" + org + "', 'team' || g, '{}' "
                + "FROM generate_series(1, 2500) g");

        List<String> lines = owner.get("/orgs/" + org + "/audit/export?format=jsonl&actor=bulk").asString().lines().toList();
        assertEquals(2500, lines.size());
        assertEquals(2500, lines.stream().map(l -> l.replaceAll(".*\"target\":\"(team\\d+)\".*", "$1")).distinct().count());
        String csv = owner.get("/orgs/" + org + "/audit/export?format=csv").asString();
        assertEquals(1 + 2500 + 2, csv.split("\r\n").length, "the header, the bulk and the organization's own two");
    }

    @Test
    void eachUserReadsTheirOwnSecurityLogOnly() {
        String me = People.newVerified("aupsec");
        String other = People.newVerified("aupsecother");
        Visitor mine = signIn(me);
        new Visitor().submit("/login", "/login", Map.of("username", other, "password", "wrong-password")).then().statusCode(401);

        Response page = mine.get("/settings/security-log");
        assertEquals(200, page.statusCode());
        assertTrue(page.asString().contains("sign_in.succeeded"));
        assertTrue(page.asString().contains("account.created"));
        assertFalse(page.asString().contains(other), "another account's sign-ins stay theirs");
        assertTrue(mine.get("/settings").asString().contains("/settings/security-log"), "linked from the settings");
        String export = mine.get("/settings/security-log/export?format=jsonl").asString();
        assertTrue(export.contains("\"account\":\"" + me + "\"") && !export.contains(other), export);
        assertEquals(1, total(signIn(other).get("/settings/security-log?action=sign_in.failed")));
        assertEquals(303, new Visitor().get("/settings/security-log").statusCode());
    }

    private static void insert(String org, String actor, String action, String repository, String day) {
        AuditRows.execute("INSERT INTO audit_log (at, actor, action, namespace, repository, details) VALUES ('" + day
                + "T12:00:00Z', '" + actor + "', '" + action + "', '" + org + "', '" + repository + "', '{}')");
    }

    private static int entries(Response page) {
        assertEquals(200, page.statusCode(), page.asString());
        Matcher m = ENTRY.matcher(page.asString());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static long total(Response page) {
        assertEquals(200, page.statusCode(), page.asString());
        Matcher m = Pattern.compile("data-testid=\"audit-total\">(\\d+) entr").matcher(page.asString());
        assertTrue(m.find(), page.asString());
        return Long.parseLong(m.group(1));
    }

    private static String organization(Visitor owner) {
        String org = Visitor.uniqueName("auporg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        return org;
    }

    private static Visitor signIn(String username) {
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", username, "password", "password123")).then().statusCode(303);
        return visitor;
    }
}
