package dev.hoist.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Browser;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Someone searches from the header's box in headless Chromium, sees suggestions, and opens a result. */
@QuarkusTest
class SearchJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void searchFromTheHeaderAndOpenAResult() {
        String owner = Visitor.uniqueName("jo");
        String word = Visitor.uniqueName("sj");
        Visitor visitor = People.verified(owner);
        Repos.create(visitor, owner, word + "-api", false, "The " + word + " API server", "");
        Repos.create(visitor, owner, word + "-worker", false, "Jobs for " + word, "");

        try (Browser browser = new Browser(base.toString())) {
            browser.open("/search");
            assertEquals(List.of(), browser.accessibilityProblems(), "empty search page");

            browser.open("/").fill("Search repositories", word.substring(0, 7));
            // Suggestions arrive as the visitor types (hoist.js fills the box's datalist).
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.findElements(
                    By.cssSelector("#site-search-suggestions option[value='" + owner + "/" + word + "-api']")).size() == 1);

            browser.fill("Search repositories", word).press("Search");
            browser.waitForText("2 results");
            assertEquals(List.of(), browser.accessibilityProblems(), "results page");
            assertEquals(word, browser.driver().findElement(By.id("site-search")).getAttribute("value"));

            WebElement result = browser.driver().findElement(By.linkText(owner + "/" + word + "-worker"));
            result.click();
            browser.waitForText("Jobs for " + word);
            assertTrue(browser.driver().getCurrentUrl().endsWith("/r/" + owner + "/" + word + "-worker"),
                    browser.driver().getCurrentUrl());
        }
    }
}
