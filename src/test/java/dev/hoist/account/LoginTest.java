package dev.hoist.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

    private static Response signIn(Visitor visitor, String username, String password) {
        return visitor.submit("/login", "/login", Map.of("username", username, "password", password));
    }

    @Test
    void theRightPasswordSignsInAndReturnsToTheAskedPage() {
        String name = Visitor.uniqueName("in");
        Visitor.signedUp(name);
        Visitor visitor = new Visitor();

        Response response = visitor.submit("/login?next=/settings", "/login",
                Map.of("username", name, "password", "password123", "next", "/settings"));

        assertEquals(303, response.statusCode());
        assertEquals("/settings", java.net.URI.create(response.header("Location")).getPath());
        visitor.get("/settings").then().statusCode(200).body(containsString(name + "@example.test"));
    }

    @Test
    void aNextAddressOnAnotherSiteIsIgnored() {
        String name = Visitor.uniqueName("next");
        Visitor.signedUp(name);

        Response response = new Visitor().submit("/login", "/login",
                Map.of("username", name, "password", "password123", "next", "//evil.example/x"));

        assertEquals("/", java.net.URI.create(response.header("Location")).getPath());
        assertNull(java.net.URI.create(response.header("Location")).getQuery());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameMessage() {
        String name = Visitor.uniqueName("wrong");
        Visitor.signedUp(name);

        Response wrongPassword = signIn(new Visitor().from("10.1.0.1"), name, "not-the-password");
        Response unknownUser = signIn(new Visitor().from("10.1.0.1"), Visitor.uniqueName("ghost"), "not-the-password");

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownUser.statusCode());
        wrongPassword.then().body(containsString("Incorrect username or password."));
        unknownUser.then().body(containsString("Incorrect username or password."));
        assertNull(wrongPassword.getCookie("hoist_session"));
    }

    @Test
    void aVerifiedAddressSignsInLikeTheUsernameAndAnUnverifiedOneIsAWrongGuess() {
        String verified = dev.hoist.support.People.newVerified("bymail");
        Response byMail = signIn(new Visitor(), verified.toUpperCase() + "@EXAMPLE.TEST", "password123");
        assertEquals(303, byMail.statusCode(), "addresses are compared without case");
        assertNotNull(byMail.getCookie("hoist_session"));

        // An address nobody verified names no account: the answer is a wrong password's, word for word.
        String unverified = Visitor.uniqueName("unvmail");
        Visitor.signedUp(unverified);
        Response unverifiedMail = signIn(new Visitor().from("10.1.0.9"), unverified + "@example.test", "password123");
        Response unknownMail = signIn(new Visitor().from("10.1.0.9"), Visitor.uniqueName("nomail") + "@example.test",
                "password123");
        Response wrongPassword = signIn(new Visitor().from("10.1.0.9"), verified + "@example.test", "not-the-password");
        for (Response refused : java.util.List.of(unverifiedMail, unknownMail, wrongPassword)) {
            assertEquals(401, refused.statusCode());
            refused.then().body(containsString("Incorrect username or password."));
            assertNull(refused.getCookie("hoist_session"));
        }

        // Guesses through the address count toward the account's lock like guesses by name.
        String locked = dev.hoist.support.People.newVerified("mailock");
        for (int i = 0; i < 5; i++) {
            signIn(new Visitor().from("10.2.5." + i), locked + "@example.test", "wrong-password").then().statusCode(401);
        }
        assertEquals(429, signIn(new Visitor().from("10.2.6.1"), locked, "password123").statusCode());
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() {
        String name = Visitor.uniqueName("lock");
        Visitor.signedUp(name);
        for (int i = 0; i < 5; i++) {
            signIn(new Visitor().from("10.2.0." + i), name, "wrong-password").then().statusCode(401);
        }

        // Locked even with the right password, and from another address.
        Response locked = signIn(new Visitor().from("10.2.1.1"), name, "password123");

        assertEquals(429, locked.statusCode());
        locked.then().body(containsString("Too many failed sign-in attempts. Try again in 15 minutes."));
        assertNotNull(locked.header("Retry-After"));
        assertNull(locked.getCookie("hoist_session"));
    }

    @Test
    void aSuccessResetsTheAccountCount() {
        String name = Visitor.uniqueName("reset");
        Visitor.signedUp(name);
        for (int i = 0; i < 4; i++) {
            signIn(new Visitor().from("10.3.0.1"), name, "wrong-password").then().statusCode(401);
        }
        signIn(new Visitor().from("10.3.0.1"), name, "password123").then().statusCode(303);

        signIn(new Visitor().from("10.3.0.1"), name, "wrong-password").then().statusCode(401);
        signIn(new Visitor().from("10.3.0.1"), name, "password123").then().statusCode(303);
    }

    @Test
    void repeatedFailuresFromOneAddressLockThatAddress() {
        String address = "10.4.0.9";
        for (int i = 0; i < 30; i++) {
            signIn(new Visitor().from(address), Visitor.uniqueName("spray"), "guess" + i).then().statusCode(401);
        }
        String name = Visitor.uniqueName("victim");
        Visitor.signedUp(name);

        signIn(new Visitor().from(address), name, "password123").then().statusCode(429)
                .body(containsString("Too many failed sign-in attempts."));
        signIn(new Visitor().from("10.4.0.10"), name, "password123").then().statusCode(303);
    }

    @Test
    void signingOutEndsTheSession() {
        String name = Visitor.uniqueName("out");
        Visitor visitor = Visitor.signedUp(name);

        visitor.submit("/", "/logout", Map.of()).then().statusCode(303);

        assertNull(visitor.cookie("hoist_session"));
        visitor.get("/").then().body(not(containsString("header-username"))).body(containsString("Sign in"));
    }

    @Test
    void signOutWithoutTheCsrfTokenIsRefused() {
        Visitor visitor = Visitor.signedUp(Visitor.uniqueName("keep"));
        visitor.get("/");

        Response response = visitor.post("/logout", Map.of("x", "1"));

        assertEquals(403, response.statusCode());
        response.then().body(containsString("This form has expired"));
        visitor.get("/settings").then().statusCode(200);
    }

    @Test
    void signInWithAWrongCsrfTokenIsRefused() {
        String name = Visitor.uniqueName("tok");
        Visitor.signedUp(name);
        Visitor visitor = new Visitor();
        visitor.get("/login");

        visitor.post("/login", Map.of("username", name, "password", "password123", "csrf-token", "forged"))
                .then().statusCode(403);
    }

    @Test
    void theLoginFormLabelsItsFields() {
        new Visitor().get("/login").then().statusCode(200)
                .body(containsString("<label for=\"username\">Username or email</label>"))
                .body(containsString("<label for=\"password\">Password</label>"));
    }
}
