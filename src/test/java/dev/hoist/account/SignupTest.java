package dev.hoist.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class SignupTest {

    private static Response signUp(String username, String email, String password) {
        return new Visitor().submit("/signup", "/signup", Map.of("username", username, "email", email, "password", password));
    }

    @Test
    void signingUpCreatesTheAccountAndSignsIn() {
        String name = Visitor.uniqueName("new");
        Visitor visitor = new Visitor();
        Response response = visitor.submit("/signup", "/signup",
                Map.of("username", name, "email", name + "@example.test", "password", "password123"));

        assertEquals(303, response.statusCode());
        visitor.get("/").then().body(containsString("data-testid=\"header-username\">" + name + "<"));
    }

    @Test
    void theSignupFormLabelsItsFields() {
        new Visitor().get("/signup").then().statusCode(200)
                .body(containsString("<label for=\"username\">Username</label>"))
                .body(containsString("<label for=\"email\">Email</label>"))
                .body(containsString("<label for=\"password\">Password</label>"));
    }

    @ParameterizedTest
    @CsvSource({
            "abc, Use 4 to 30 characters.",
            "abcdefghijabcdefghijabcdefghijk, Use 4 to 30 characters.",
            "Alice1, Use only lowercase letters (a-z) and digits (0-9).",
            "ali-ce, Use only lowercase letters (a-z) and digits (0-9).",
            "ali_ce, Use only lowercase letters (a-z) and digits (0-9).",
            "alicé, Use only lowercase letters (a-z) and digits (0-9).",
            "library, This name is reserved.",
    })
    void badUsernamesAreRefusedWithAMessageNextToTheField(String username, String message) {
        Response response = signUp(username, Visitor.uniqueName("m") + "@example.test", "password123");

        assertEquals(400, response.statusCode());
        assertTrue(response.asString().contains("id=\"username-error\">" + message + "</p>"), response.asString());
        assertTrue(response.asString().contains("value=\"" + username + "\""), "keeps what the user typed");
    }

    @Test
    void anEmptyUsernameIsRefused() {
        signUp("", "x" + Visitor.uniqueName("e") + "@example.test", "password123").then().statusCode(400)
                .body(containsString("Enter a username."));
    }

    @Test
    void aTakenUsernameIsRefused() {
        String name = Visitor.uniqueName("dup");
        Visitor.signedUp(name);

        signUp(name, Visitor.uniqueName("o") + "@example.test", "password123").then().statusCode(400)
                .body(containsString("This username is already taken."));
    }

    @Test
    void aNameTakenByAnOrganizationIsRefused() {
        String name = Visitor.uniqueName("org");
        QuarkusTransaction.requiringNew().run(() -> Namespace.create(name, Namespace.Kind.org));

        signUp(name, Visitor.uniqueName("o") + "@example.test", "password123").then().statusCode(400)
                .body(containsString("This username is already taken."));
    }

    @Test
    void anAddressInUseIsNeverToldToTheVisitor() {
        String name = Visitor.uniqueName("mail");
        Visitor.signedUp(name);

        // SignupEnumerationTest shows the answer is the same as for a free address.
        signUp(Visitor.uniqueName("other"), name.toUpperCase() + "@EXAMPLE.test", "password123").then().statusCode(303)
                .header("Set-Cookie", not(containsString("already")));
    }

    @Test
    void aMalformedEmailIsRefused() {
        signUp(Visitor.uniqueName("bad"), "not-an-address", "password123").then().statusCode(400)
                .body(containsString("Enter a valid email address"));
    }

    @Test
    void aShortPasswordIsRefused() {
        signUp(Visitor.uniqueName("short"), Visitor.uniqueName("s") + "@example.test", "1234567").then().statusCode(400)
                .body(containsString("id=\"password-error\">Use at least 8 characters.</p>"))
                .body(not(containsString("value=\"1234567\"")));
    }

    @Test
    void thePasswordIsStoredOnlyAsABcryptHash() {
        String name = Visitor.uniqueName("hash");
        Visitor.signedUp(name);

        String hash = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).orElseThrow().passwordHash);
        assertTrue(hash.startsWith("$2"), "bcrypt hash, was " + hash);
        assertNotEquals("password123", hash);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() {
        String name = Visitor.uniqueName("csrf");
        Response response = new Visitor().post("/signup",
                Map.of("username", name, "email", name + "@example.test", "password", "password123"));

        assertEquals(403, response.statusCode());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).isEmpty()));
    }
}
