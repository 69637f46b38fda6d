package dev.hoist.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.auth.SessionCookie;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cookie Hoist did not make (truncated, garbled, forged) is dropped and the page goes on. */
@QuarkusTest
class BadCookiesTest {

    @Inject
    SessionCookie sessionCookie;

    @Test
    void aSessionCookieOfAnyLengthOrShapeIsClearedNotAnError() {
        for (int length : new int[] { 1, 17, 18, 24, 30, 36, 43, 44, 200 }) {
            String value = "A".repeat(length);
            for (String path : new String[] { "/", "/login", "/settings" }) {
                Response response = given().redirects().follow(false).cookie("hoist_session", value).get(path);
                assertTrue(response.statusCode() == 200 || response.statusCode() == 303, path + " with " + length + ": " + response.statusCode());
                assertEquals("", response.getCookie("hoist_session"), "cleared: " + length);
            }
        }
    }

    @Test
    void sealedCookiesThatAreTooShortOpenToNothing() {
        for (int length = 0; length <= 40; length++) {
            assertTrue(sessionCookie.open("A".repeat(length)).isEmpty(), "length " + length);
        }
        assertTrue(sessionCookie.open("%zz").isEmpty());
    }

    @Test
    void aGarbledFlashCookieIsDropped() {
        Response response = given().cookie("hoist_flash", "%zz").get("/");

        assertEquals(200, response.statusCode());
        assertEquals("", response.getCookie("hoist_flash"), "cleared");
    }

    @Test
    void aCsrfCookieOfTheWrongLengthBreaksNoPageAndIsReplaced() {
        for (String value : new String[] { "x", "A".repeat(21), "A".repeat(23), "%zz", "A".repeat(300) }) {
            Response page = given().cookie("hoist_csrf", value).get("/login");
            assertEquals(200, page.statusCode(), value);
            assertTrue(page.getCookie("hoist_csrf").matches("[A-Za-z0-9_-]{22}"), "replaced: " + page.getCookie("hoist_csrf"));
        }
    }

    @Test
    void aBadCsrfCookieOnAFormIsARefusalPage() {
        Response refused = new Visitor().withCookie("hoist_csrf", "A".repeat(23))
                .post("/login", Map.of("username", "nobody", "password", "x", "csrf-token", "A".repeat(43)));

        assertEquals(403, refused.statusCode());
        assertTrue(refused.asString().contains("This form has expired"), refused.asString());
    }
}
