package dev.hoist.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Browser;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/** An owner makes a team, finds it in the organization's audit log, and filters the log, in a real headless Chromium. */
@QuarkusTest
class AuditJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void anOwnerSeesTheirChangeInTheAuditLog() throws Exception {
        String owner = People.newVerified("aujown");
        String org = Visitor.uniqueName("aujorg");

        try (Browser browser = new Browser(base.toString())) {
            browser.signIn(owner, "password123");
            browser.open("/orgs/new").fill("Organization name", org).press("Create organization");
            browser.waitForText("You are its owner.");
            browser.open("/orgs/" + org + "/teams").fill("Team name", "release").fill("Description", "Ships it")
                    .press("Create team");
            browser.waitForText("Created the team release.");

            browser.open("/orgs/" + org + "/members");
            browser.driver().findElement(By.linkText("Audit log")).click();
            browser.waitForText("team.created");
            assertTrue(browser.text().contains("by " + owner), browser.text());
            assertEquals(List.of(), browser.accessibilityProblems());

            browser.fill("Action", "team").press("Filter");
            browser.waitForText("1 entry");
            assertTrue(browser.text().contains("team.created") && !browser.text().contains("organization.created"), browser.text());

            browser.open("/orgs/" + org + "/audit");
            for (int width : new int[] {390, 1280}) {
                browser.driver().manage().window().setSize(new Dimension(width, 900));
                Path shot = Path.of("target", "screenshots", "audit-" + width + ".png");
                Files.createDirectories(shot.getParent());
                Files.copy(browser.driver().getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
                Object wide = browser.driver().executeScript("""
                        const w = document.documentElement.clientWidth;
                        return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w)
                            .map(e => e.tagName + '.' + e.className).join(' ');""");
                // The page's own content; the site header is the layout's.
                assertEquals("", wide, "nothing of the page sticks out at " + width + " px");
            }
        }
    }
}
