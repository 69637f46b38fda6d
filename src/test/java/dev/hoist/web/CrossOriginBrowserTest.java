package dev.hoist.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hoist.support.Browser;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The attacks of the hardening issue, in a real Chromium: a page on another port of the same
 * host (same site, other origin; cookies ignore ports) attacks a signed-in organization owner.
 */
@QuarkusTest
class CrossOriginBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private HttpServer attacker;
    private volatile String attackPage = "";

    @BeforeEach
    void startTheAttackersSite() throws IOException {
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] page = attackPage.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            // Cookies ignore ports: this plants a "CSRF cookie" for Hoist's host.
            exchange.getResponseHeaders().add("Set-Cookie", "hoist_csrf=AAAAAAAAAAAAAAAAAAAAAA; Path=/");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        attacker.start();
    }

    @AfterEach
    void stopTheAttackersSite() {
        attacker.stop(0);
    }

    private String hoist() {
        return "http://127.0.0.1:" + base.getPort();
    }

    private String attackerUrl() {
        return "http://127.0.0.1:" + attacker.getAddress().getPort() + "/";
    }

    @Test
    void aPlantedCookieAndAnAutoPostedFormDoNotMakeTheAttackerAnOwner() {
        String owner = Visitor.uniqueName("own");
        String org = Visitor.uniqueName("org");
        String thief = People.newVerified("thief");
        People.verified(owner).submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        attackPage = """
                <form id="f" method="post" action="%s/orgs/%s/teams/owners/members">
                  <input name="username" value="%s"><input name="csrf-token" value="AAAAAAAAAAAAAAAAAAAAAA">
                </form>
                <script>document.getElementById('f').submit()</script>
                """.formatted(hoist(), org, thief);

        try (Browser browser = new Browser(hoist())) {
            browser.signIn(owner, "password123");
            browser.driver().get(attackerUrl());
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(hoist()));
            String answer = browser.text();

            browser.open("/orgs/" + org + "/teams/owners");
            assertTrue(browser.text().contains(owner), browser.text());
            assertFalse(browser.text().contains(thief), "the attacker did not join the owners");
            assertTrue(answer.contains("This form has expired"), answer);
        }
    }

    @Test
    void aBodylessFetchFromAnotherPortDeletesNothing() {
        String owner = Visitor.uniqueName("own");
        String org = Visitor.uniqueName("org");
        Visitor visitor = People.verified(owner);
        visitor.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        visitor.submit("/orgs/" + org + "/teams", "/orgs/" + org + "/teams", Map.of("name", "devs")).then().statusCode(303);
        attackPage = """
                <script>
                fetch('%s/orgs/%s/teams/devs/delete', {method: 'POST', mode: 'no-cors', credentials: 'include'})
                  .finally(() => { document.title = 'sent'; });
                </script>
                """.formatted(hoist(), org);

        try (Browser browser = new Browser(hoist())) {
            browser.signIn(owner, "password123");
            browser.driver().get(attackerUrl());
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> "sent".equals(d.getTitle()));

            browser.open("/orgs/" + org + "/teams/devs");
            assertFalse(browser.text().contains("Page not found"), "the team is still there");
            assertTrue(browser.text().contains("devs"), browser.text());
        }
    }
}
