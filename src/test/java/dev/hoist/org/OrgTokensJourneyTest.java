package dev.hoist.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Repo;
import dev.hoist.support.Browser;
import dev.hoist.support.OrgTokens;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** An owner makes an organization token in a real headless Chromium, a script uses it with curl, the owner revokes it. */
@QuarkusTest
class OrgTokensJourneyTest {

    @TestHTTPResource("/")
    URL base;

    private String curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.trim();
    }

    @Test
    void anOwnerMakesATokenACiUsesItAndTheOwnerRevokesIt() throws Exception {
        String alice = Visitor.uniqueName("jtalice");
        Visitor visitor = People.verified(alice);
        String acme = OrgTokens.organization(visitor, "jtacme");
        Repos.create(visitor, acme, "billing", false, "", "");
        QuarkusTransaction.requiringNew().run(() -> Repo.byName(acme, "billing").orElseThrow().isPrivate = true);
        String api = base.toString().replaceAll("/+$", "") + "/v2/repositories/" + acme + "/billing/";

        try (Browser browser = new Browser(base.toString())) {
            browser.signIn(alice, "password123");
            browser.open("/orgs/" + acme);
            browser.driver().findElement(By.linkText("Access tokens")).click();
            browser.waitForText("New token");
            assertEquals(List.of(), browser.accessibilityProblems(), "tokens page");
            browser.fill("Label", "CI pulls").fill("Repositories", acme + "/billing").choose("Access", "Pull")
                    .choose("Expires", "In 90 days").press("Generate token");
            browser.waitForText("Copy your new token now");
            String secret = browser.driver().findElement(By.cssSelector("[data-testid=new-token]")).getAttribute("value");
            assertTrue(secret.startsWith("hoist_oat_"), secret);

            assertEquals("200", curl("-H", "Authorization: Bearer " + secret, api));
            assertEquals("404", curl("-H", "Authorization: Bearer " + secret,
                    api.replace("/billing/", "/nosuch/")));

            browser.open("/orgs/" + acme + "/settings/tokens");
            assertFalse(browser.text().contains(secret), "shown once");
            String lastUsed = browser.driver().findElement(By.cssSelector("[data-testid=last-used]")).getText();
            assertFalse(lastUsed.equals("never"), lastUsed);

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.open("/orgs/" + acme + "/settings/tokens");
            Number width = (Number) browser.driver().executeScript("return document.documentElement.scrollWidth");
            Object wide = browser.driver().executeScript("""
                    const out = [];
                    for (const e of document.querySelectorAll('body *')) {
                      const r = e.getBoundingClientRect();
                      if (r.right > window.innerWidth + 1) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
                    }
                    return out.slice(0, 8).join(' | ') + ' inner=' + window.innerWidth;""");
            assertTrue(width.intValue() <= 390, "no sideways scrolling at 390 px: " + width + " " + wide);

            browser.press("Revoke CI pulls");
            browser.waitForText("The token is revoked.");
            assertEquals("401", curl("-H", "Authorization: Bearer " + secret, api));
        }
    }
}
