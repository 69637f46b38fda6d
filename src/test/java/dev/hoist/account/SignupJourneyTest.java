package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Browser;
import dev.hoist.support.MailResource;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first journey of every user, in a real headless Chromium. */
@QuarkusTest
class SignupJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void signUpVerifySignOutAndSignInAgain() {
        String name = Visitor.uniqueName("web");
        String email = name + "@example.test";
        try (Browser browser = new Browser(base.toString())) {
            browser.open("/");
            assertEquals(List.of(), browser.accessibilityProblems(), "home page");

            browser.open("/signup");
            assertEquals(List.of(), browser.accessibilityProblems(), "sign-up page");
            browser.fill("Username", name).fill("Email", email).fill("Password", "correct horse").press("Sign up");
            browser.waitForText("We sent a link to " + email);
            assertEquals(name, browser.headerUser());

            browser.open(MailResource.verificationLinkFor(email));
            browser.waitForText("Your email address " + email + " is verified.");
            assertTrue(browser.text().contains("Verified"), "settings show the address verified");
            assertEquals(List.of(), browser.accessibilityProblems(), "settings page");

            browser.press("Sign out");
            browser.waitForText("You are signed out.");
            assertNull(browser.headerUser());

            browser.open("/login");
            assertEquals(List.of(), browser.accessibilityProblems(), "sign-in page");
            browser.fill("Username or email", name).fill("Password", "wrong password").press("Sign in");
            browser.waitForText("Incorrect username or password.");
            browser.fill("Username or email", name).fill("Password", "correct horse").press("Sign in");
            assertEquals(name, browser.headerUser());
        }
    }
}
