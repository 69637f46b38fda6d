package dev.hoist.account;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SettingsTest {

    @Test
    void settingsNeedASignedInUser() {
        Response response = new Visitor().get("/settings");

        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").endsWith("/login?next=%2Fsettings"), response.header("Location"));
    }

    @Test
    void changingThePasswordAsksForTheCurrentOne() {
        String name = Visitor.uniqueName("pw");
        Visitor visitor = Visitor.signedUp(name);

        visitor.submit("/settings", "/settings/password", Map.of("current", "wrong-one", "password", "newpassword1"))
                .then().statusCode(400).body(containsString("The current password is wrong."));
        visitor.submit("/settings", "/settings/password", Map.of("current", "password123", "password", "short"))
                .then().statusCode(400).body(containsString("Use at least 8 characters."));
        visitor.submit("/settings", "/settings/password", Map.of("current", "password123", "password", "newpassword1"))
                .then().statusCode(303);

        new Visitor().submit("/login", "/login", Map.of("username", name, "password", "password123")).then().statusCode(401);
        new Visitor().submit("/login", "/login", Map.of("username", name, "password", "newpassword1")).then().statusCode(303);
    }

    @Test
    void aPasswordChangeEndsOtherSessionsButNotThisOne() {
        String name = Visitor.uniqueName("sess");
        Visitor here = Visitor.signedUp(name);
        Visitor elsewhere = new Visitor();
        elsewhere.submit("/login", "/login", Map.of("username", name, "password", "password123")).then().statusCode(303);

        here.submit("/settings", "/settings/password", Map.of("current", "password123", "password", "newpassword1"))
                .then().statusCode(303);

        here.get("/settings").then().statusCode(200);
        elsewhere.get("/settings").then().statusCode(303);
    }

    @Test
    void deletingTheAccountAsksToTypeTheUsername() {
        String name = Visitor.uniqueName("del");
        Visitor visitor = Visitor.signedUp(name);

        visitor.submit("/settings", "/settings/delete", Map.of("confirm", "something-else"))
                .then().statusCode(400).body(containsString("Type your username, " + name + ", to confirm."));
        visitor.submit("/settings", "/settings/delete", Map.of("confirm", name)).then().statusCode(303);

        assertTrue(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).isEmpty()));
        visitor.get("/settings").then().statusCode(303);
        new Visitor().submit("/login", "/login", Map.of("username", name, "password", "password123")).then().statusCode(401);
    }

    @Test
    void aDeletedUsernameCannotBeTakenAgain() {
        String name = Visitor.uniqueName("gone");
        Visitor visitor = Visitor.signedUp(name);
        visitor.submit("/settings", "/settings/delete", Map.of("confirm", name)).then().statusCode(303);

        new Visitor().submit("/signup", "/signup",
                Map.of("username", name, "email", Visitor.uniqueName("n") + "@example.test", "password", "password123"))
                .then().statusCode(400).body(containsString("This username is already taken."));
    }

    @Test
    void aForgedSessionCookieIsIgnoredAndCleared() {
        Visitor visitor = new Visitor().withCookie("hoist_session", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Response response = visitor.get("/settings");

        assertEquals(303, response.statusCode());
        assertEquals("", response.getCookie("hoist_session"));
    }

    @Test
    void theSettingsFormsCarryLabelsAndTokens() {
        Visitor visitor = Visitor.signedUp(Visitor.uniqueName("lbl"));
        String html = visitor.get("/settings").asString();

        for (String id : new String[] { "new-email", "current", "new-password", "confirm" }) {
            assertTrue(html.contains("<label for=\"" + id + "\">"), "label for " + id);
            assertTrue(html.contains("<input id=\"" + id + "\""), "input " + id);
        }
        int postForms = html.split("method=\"post\"").length - 1;
        assertTrue(postForms >= 6, "email, verification, privacy, password, delete and sign-out forms");
        assertEquals(postForms, html.split("name=\"csrf-token\"").length - 1, "every form has a token");
    }
}
