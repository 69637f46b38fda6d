package dev.hoist.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.registry.Pushes;
import dev.hoist.support.Browser;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An owner makes a webhook in headless Chromium, pushes, and reads the delivery in the log. */
@QuarkusTest
class WebhookJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void createAWebhookPushAndSeeTheDelivery() throws Exception {
        String erin = Visitor.uniqueName("erin");
        Visitor owner = People.verified(erin);
        Repos.create(owner, erin, "shop", false, "The shop", "");
        try (Receiver receiver = new Receiver(); Browser browser = new Browser(base.toString())) {
            browser.signIn(erin, "password123");
            browser.open("/r/" + erin + "/shop/settings");
            browser.driver().findElement(By.linkText("Manage webhooks")).click();
            browser.waitForText("No webhooks yet.");
            assertEquals(List.of(), browser.accessibilityProblems(), "webhooks page");
            browser.fill("Name", "Deploy staging").fill("Payload URL", receiver.url("/deploy"))
                    .tick("CloudEvents").press("Create webhook");
            browser.waitForText("Copy the secret of \"Deploy staging\" now");
            String secret = browser.driver().findElement(By.cssSelector("[data-testid=webhook-secret]")).getAttribute("value");
            screenshot(browser, 390, "webhooks-list-390.png");
            screenshot(browser, 1280, "webhooks-list-1280.png");
            browser.driver().findElement(By.linkText("Open the webhook and send a test event")).click();
            browser.waitForText("Nothing delivered yet.");
            assertEquals(List.of(), browser.accessibilityProblems(), "webhook page");

            Pushes.withSkopeo(erin, erin + "/shop", "1.0");
            Receiver.Request request = receiver.await(1, Duration.ofSeconds(15)).get(0);
            assertEquals(Signatures.of(secret, request.body()), request.header("X-Hoist-Signature-256"));

            new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> {
                d.navigate().refresh();
                return d.findElement(By.tagName("body")).getText().contains("Delivered");
            });
            assertTrue(browser.text().contains("image.pushed"), browser.text());
            browser.driver().findElement(By.cssSelector(".deliveries summary")).click();
            assertTrue(browser.text().contains("X-Hoist-Signature-256: sha256="), browser.text());
            screenshot(browser, 1280, "webhook-1280.png");
            screenshot(browser, 390, "webhook-390.png");

            browser.press("Send a test event");
            browser.waitForText("A test event is on its way");
            receiver.await(2, Duration.ofSeconds(15));
            assertEquals("ping", receiver.received().get(1).header("X-Hoist-Event"));
        }
    }

    private static void screenshot(Browser browser, int width, String name) throws IOException {
        Number height = (Number) browser.driver().executeScript("return document.documentElement.scrollHeight");
        browser.driver().manage().window().setSize(new Dimension(width, Math.max(800, height.intValue() + 120)));
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), browser.driver().getScreenshotAs(OutputType.BYTES));
    }
}
