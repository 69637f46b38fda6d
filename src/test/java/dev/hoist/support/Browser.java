package dev.hoist.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, with helpers that act the way a
 * person does: fill a field found by its label, press a button found by its name.
 */
public class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final String base;

    public Browser(String baseUrl) {
        this.base = baseUrl.replaceAll("/+$", "");
        Path profile;
        try {
            profile = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public Browser open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return this;
    }

    /** Types into the input whose label reads {@code label}. */
    public Browser fill(String label, String text) {
        WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        WebElement input = driver.findElement(By.id(labelElement.getAttribute("for")));
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Picks {@code option} in the select whose label reads {@code label}. */
    public Browser choose(String label, String option) {
        WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(labelElement.getAttribute("for"))))
                .selectByVisibleText(option);
        return this;
    }

    /** Clicks the radio button or checkbox whose label starts with {@code text}. */
    public Browser tick(String text) {
        driver.findElement(By.xpath("//label[starts-with(normalize-space(), '" + text + "')]//input")).click();
        return this;
    }

    /** Signs in through the sign-in page. */
    public Browser signIn(String username, String password) {
        open("/login").fill("Username or email", username).fill("Password", password).press("Sign in");
        return this;
    }

    /** Clicks the button that reads {@code name} and waits for the next page to load. */
    public Browser press(String name) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        driver.findElement(By.xpath("//button[normalize-space()='" + name + "']")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        // The old page is gone once any call on its root fails; Chromium reports it as stale or as a
        // node that "does not belong to the document", depending on timing.
        wait.until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        return this;
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String headerUser() {
        List<WebElement> found = driver.findElements(By.cssSelector("[data-testid=header-username]"));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    public void waitForText(String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
    }

    /** Inputs that are visible but have no label, and buttons without a name: both should be empty. */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityProblems() {
        return (List<String>) driver.executeScript("""
                const problems = [];
                for (const input of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
                  if (input.labels.length === 0 && !input.getAttribute('aria-label')) problems.push('unlabelled ' + (input.name || input.id));
                }
                for (const button of document.querySelectorAll('button')) {
                  if (!button.textContent.trim() && !button.getAttribute('aria-label')) problems.push('unnamed button');
                }
                return problems;
                """);
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
