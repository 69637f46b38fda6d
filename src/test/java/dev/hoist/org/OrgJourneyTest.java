package dev.hoist.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Browser;
import dev.hoist.support.MailResource;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alice sets up acme with a private repository for the backend team, in a real headless Chromium. */
@QuarkusTest
class OrgJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPrivateRepositoryForOneTeam() {
        String alice = Visitor.uniqueName("alice");
        String bob = Visitor.uniqueName("bob");
        String carol = Visitor.uniqueName("carol");
        String acme = Visitor.uniqueName("acme");
        People.verified(bob);
        People.verified(carol);

        try (Browser browser = new Browser(base.toString())) {
            browser.open("/signup").fill("Username", alice).fill("Email", alice + "@example.test")
                    .fill("Password", "alice password").press("Sign up");
            browser.open(MailResource.verificationLinkFor(alice + "@example.test"));
            browser.waitForText("is verified");

            browser.open("/orgs/new").fill("Organization name", acme).press("Create organization");
            browser.waitForText("You are its owner.");

            browser.open("/orgs/" + acme + "/teams").fill("Team name", "backend").fill("Description", "Server side")
                    .press("Create team");
            browser.waitForText("Created the team backend.");
            assertEquals(List.of(), browser.accessibilityProblems(), "team page");
            browser.fill("Add a member by username", bob).press("Add member");
            browser.waitForText(bob + " joined the team.");

            browser.open("/repository/create?namespace=" + acme);
            assertEquals(List.of(), browser.accessibilityProblems(), "create page");
            browser.choose("Namespace", acme).fill("Repository name", "billing")
                    .fill("Short description", "Invoices and payments").tick("Private")
                    .fill("README (Markdown)", "# Billing\n\nRuns the **invoices**.").press("Create");
            browser.waitForText("Created " + acme + "/billing.");
            assertTrue(browser.text().contains("Private"));

            browser.open("/orgs/" + acme + "/teams/backend").fill("Repository", "billing").choose("Permission", "Write")
                    .press("Give permission");
            browser.waitForText("The team's permission on billing is saved.");
            assertTrue(browser.text().contains(acme + "/billing"));
            browser.press("Sign out");

            browser.signIn(bob, "password123");
            browser.open("/r/" + acme + "/billing");
            browser.waitForText("Runs the invoices.");
            browser.open("/u/" + acme);
            assertTrue(browser.text().contains(acme + "/billing"), "bob finds it");
            browser.press("Sign out");

            browser.signIn(carol, "password123");
            browser.open("/r/" + acme + "/billing");
            browser.waitForText("Page not found");
            browser.open("/u/" + acme);
            assertFalse(browser.text().contains("billing"), "carol does not find it");
        }
    }
}
