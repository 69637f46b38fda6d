package dev.hoist.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoist.support.Browser;
import dev.hoist.support.KeycloakProfile;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Sign-up through Keycloak's registration page, sign-out of both, and sign-in again, in headless Chromium. */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void registerOnKeycloakPickAUsernameSignOutSignInAgainAndMakeAToken() {
        String keycloakName = "kc." + Visitor.uniqueName("u"); // the dot is not allowed in Hoist names
        String hoistName = Visitor.uniqueName("kc");
        try (Browser browser = new Browser(base.toString())) {
            WebDriver driver = browser.driver();
            browser.open("/login?next=/settings");
            driver.findElement(By.linkText("Sign in with Keycloak")).click();
            waitFor(driver, By.linkText("Register")).click();
            waitFor(driver, By.id("username")).sendKeys(keycloakName);
            driver.findElement(By.id("email")).sendKeys(hoistName + "@example.test");
            driver.findElement(By.id("firstName")).sendKeys("Kim");
            driver.findElement(By.id("lastName")).sendKeys("Cloak");
            driver.findElement(By.id("password")).sendKeys("registered-pass-1");
            driver.findElement(By.id("password-confirm")).sendKeys("registered-pass-1", Keys.ENTER);

            browser.waitForText("Pick your Hoist username");
            browser.fill("Username", hoistName).press("Continue");
            browser.waitForText("Welcome to Hoist, " + hoistName + ".");
            assertEquals(hoistName, browser.headerUser());
            assertEquals(base + "settings", driver.getCurrentUrl(), "back where sign-in was asked for, past Keycloak and the username page");

            browser.press("Sign out");
            browser.waitForText("You are signed out.");
            assertNull(browser.headerUser());

            // Keycloak's session ended too: it asks for the password again. A page that needs
            // signing in sends the browser back to it afterwards.
            browser.open("/settings/tokens");
            driver.findElement(By.linkText("Sign in with Keycloak")).click();
            waitFor(driver, By.id("password")).sendKeys("registered-pass-1");
            driver.findElement(By.id("username")).sendKeys(keycloakName, Keys.ENTER);
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> hoistName.equals(browser.headerUser()));
            assertEquals(hoistName, browser.headerUser());
            assertEquals(base + "settings/tokens", driver.getCurrentUrl());

            // No Hoist password: registry clients use a personal access token made here.
            browser.waitForText("tokens are the only way for registry clients to sign in");
            browser.fill("Description", "laptop").press("Generate token");
            String token = driver.findElement(By.cssSelector("[data-testid=new-token]")).getAttribute("value");
            io.restassured.RestAssured.given().auth().preemptive().basic(hoistName, token)
                    .get("/token?service=hoist").then().statusCode(200);
            io.restassured.RestAssured.given().auth().preemptive().basic(hoistName, "registered-pass-1")
                    .get("/token?service=hoist").then().statusCode(401);
        }
    }

    private static org.openqa.selenium.WebElement waitFor(WebDriver driver, By what) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(what));
    }
}
