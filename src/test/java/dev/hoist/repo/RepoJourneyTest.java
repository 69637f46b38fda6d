package dev.hoist.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Browser;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A user publishes a repository, writes its README with a preview, and stars it, in headless Chromium. */
@QuarkusTest
class RepoJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void createEditWithPreviewAndStar() {
        String dave = Visitor.uniqueName("dave");
        People.verified(dave);
        try (Browser browser = new Browser(base.toString())) {
            browser.signIn(dave, "password123");
            browser.open("/repository/create").fill("Repository name", "web-api")
                    .fill("Short description", "The web API").tick("Public").press("Create");
            browser.waitForText("Created " + dave + "/web-api.");
            assertTrue(browser.text().contains("This repository has no README yet."));
            assertEquals(List.of(), browser.accessibilityProblems(), "repository page");

            browser.open("/r/" + dave + "/web-api/settings");
            assertEquals(List.of(), browser.accessibilityProblems(), "settings page");
            browser.fill("README (Markdown)", "## Usage\n\n| flag | meaning |\n|---|---|\n| -p | port |\n\n<script>alert(1)</script>")
                    .press("Preview");
            String preview = browser.driver().findElement(By.cssSelector("[data-testid=preview]")).getAttribute("innerHTML");
            assertTrue(preview.contains("<table>"), preview);
            assertTrue(!preview.contains("<script"), preview);
            browser.press("Save");
            browser.waitForText("Descriptions saved.");

            browser.open("/r/" + dave + "/web-api");
            assertTrue(browser.driver().findElement(By.cssSelector("[data-testid=readme] h2")).getText().contains("Usage"));
            assertEquals("0", browser.driver().findElement(By.cssSelector("[data-testid=star-count]")).getText());
            browser.press("☆ Star 0");
            assertEquals("1", browser.driver().findElement(By.cssSelector("[data-testid=star-count]")).getText());
            assertTrue(browser.text().contains("Unstar"));
        }
    }
}
