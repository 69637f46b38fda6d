package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Browser;
import dev.hoist.support.LogRecorder;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * Forgot password in a real headless Chromium, on a Hoist without an SMTP server: the link comes
 * from the log, as an administrator of a fresh installation would find it.
 */
@QuarkusTest
@TestProfile(PasswordResetJourneyTest.NoSmtpServer.class)
class PasswordResetJourneyTest {

    /** No SMTP server: mails go to the log. */
    public static class NoSmtpServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.mock", "true");
        }
    }

    private static final Pattern LINK = Pattern.compile("https?://\\S+/reset-password\\?token=[A-Za-z0-9_-]{43}");

    @TestHTTPResource("/")
    URL base;

    private final LogRecorder log = new LogRecorder(r -> text(r).contains("reset"));

    private static String text(LogRecord record) {
        String message = String.valueOf(record.getMessage());
        Object[] parameters = record.getParameters();
        return parameters == null || parameters.length == 0 ? message : String.format(message, parameters);
    }

    private String linkFor(String name) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (LogRecord record : log.records()) {
                Matcher m = LINK.matcher(text(record));
                if (text(record).contains("password of " + name + ",") && m.find()) {
                    return m.group();
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("No reset link for " + name + " in the log: " + log.records().stream().map(PasswordResetJourneyTest::text).toList());
    }

    @Test
    void forgotPasswordLinkFromTheLogNewPasswordSignedIn() throws Exception {
        String name = People.newVerified("jrn");
        String nobody = Visitor.uniqueName("nobody");
        log.start();
        try (Browser browser = new Browser(base.toString())) {
            browser.open("/login");
            browser.driver().findElement(By.linkText("Forgot password?")).click();
            browser.waitForText("Forgot your password?");
            assertEquals(List.of(), browser.accessibilityProblems(), "forgot-password page");
            shoot(browser, "forgot-password");

            browser.fill("Username or email", nobody).press("Send the link");
            browser.waitForText("Check your email");
            browser.open("/forgot-password").fill("Username or email", name).press("Send the link");
            browser.waitForText("Check your email");
            shoot(browser, "reset-sent");

            browser.open(linkFor(name));
            assertEquals(List.of(), browser.accessibilityProblems(), "reset page");
            browser.fill("New password", "short").press("Set the new password");
            browser.waitForText("Use at least 8 characters.");
            shoot(browser, "reset-password");
            browser.fill("New password", "journey password 2").press("Set the new password");
            browser.waitForText("Your password is changed");

            browser.signIn(name, "journey password 2");
            assertEquals(name, browser.headerUser());
        } finally {
            log.stop();
        }
        assertTrue(log.records().stream().noneMatch(r -> text(r).contains(nobody)), "nothing is logged for an unknown name");
    }

    /** Screenshots at phone and desktop widths under target/screenshots, for a person to look at. */
    private static void shoot(Browser browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        for (int width : new int[] {390, 1280}) {
            browser.driver().manage().window().setSize(new Dimension(width, 900));
            Files.write(dir.resolve(name + "-" + width + ".png"), browser.driver().getScreenshotAs(OutputType.BYTES));
            Object overflow = browser.driver().executeScript("return document.documentElement.scrollWidth > window.innerWidth");
            assertEquals(Boolean.FALSE, overflow, name + " fits " + width + " px without scrolling sideways");
        }
    }
}
