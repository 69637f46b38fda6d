package dev.hoist.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.support.People;
import dev.hoist.support.RawHttp;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NUL bytes, control characters and broken encodings get a clear 400 in the right format, and store nothing. */
@QuarkusTest
class EdgeInputTest {

    private static RawHttp.Answer raw(String pathAndQuery) throws Exception {
        return RawHttp.get(pathAndQuery, "X-Forwarded-For: 192.0.2.44");
    }

    private static void page400(RawHttp.Answer answer, String what) {
        assertEquals(400, answer.status(), what + ": " + answer.head());
        assertTrue(answer.head().toLowerCase().contains("content-type: text/html"), what);
        assertTrue(answer.body().contains("Bad request"), what);
    }

    private static void json400(RawHttp.Answer answer, String code, String what) {
        assertEquals(400, answer.status(), what + ": " + answer.head());
        assertTrue(answer.json(), what);
        assertTrue(answer.body().contains("\"code\":\"" + code + "\""), what + ": " + answer.body());
    }

    @Test
    void pagesAnswerTheBadRequestPage() throws Exception {
        // Vert.x itself refuses a percent sign without two hex digits, before any handler, with an empty 400.
        assertEquals(400, raw("/search?q=%zz").status());
        assertEquals(400, raw("/u/%zz").status());
        for (String path : new String[] { "/u/a%00b", "/orgs/a%00b", "/r/a%00b/x", "/r/abc/x%01", "/search?q=a%00b",
                "/search/suggest?q=%00", "/search?q=%C3%28", "/u/%C3%28", "/search?q=%7F",
                "/login?next=%0d%0aSet-Cookie:x", "/u/%ff" }) {
            page400(raw(path), path);
        }
    }

    @Test
    void registryAndJsonApisAnswerErrorJson() throws Exception {
        json400(raw("/v1/search?q=a%00b"), "UNSUPPORTED", "v1 search");
        json400(raw("/token?service=hoist&scope=repository:a%00b:pull"), "UNSUPPORTED", "token scope");
        json400(raw("/v2/a%00b/c/tags/list"), "NAME_INVALID", "v2 path");
        json400(raw("/v2/abc/def/manifests/%C3%28"), "NAME_INVALID", "v2 reference");
        assertEquals(400, raw("/v2/abc/def/manifests/%zz").status());
        String nulUser = Base64.getEncoder().encodeToString("a\u0000b:password".getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Basic " + nulUser).get("/token?service=hoist").then().statusCode(400)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        // No base64 at all: wrong credentials like any other, as VisibilityTest expects of /v1/search.
        given().header("Authorization", "Basic !!notbase64").get("/token?service=hoist").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body("grant_type=password&username=a%00b&password=x")
                .post("/token").then().statusCode(400).body("errors[0].code", equalTo("UNSUPPORTED"));
    }

    @Test
    void formFieldsWithControlsAreRefusedAndNothingIsStored() {
        String name = Visitor.uniqueName("nul");
        Visitor visitor = new Visitor();
        Response signup = visitor.submit("/signup", "/signup",
                Map.of("username", name + "\u0000", "email", name + "@example.test", "password", "password123"));
        assertEquals(400, signup.statusCode());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).isEmpty()));
        // Broken percent-encoding in a form body, sent as is.
        String token = csrfOf(visitor.get("/login").asString());
        visitor.request().contentType("application/x-www-form-urlencoded")
                .body("csrf-token=" + token + "&username=%zz&password=x").post("/login").then().statusCode(400);
    }

    @Test
    void textareasKeepTheirLineBreaks() {
        String owner = Visitor.uniqueName("lines");
        Visitor visitor = People.verified(owner);
        // A README with tabs and CRLF line breaks passes the edge; a NUL in it does not.
        Repos.create(visitor, owner, "lines", false, "d", "# Title\r\n\tindented\r\n");
        visitor.get("/r/" + owner + "/lines").then().statusCode(200).body(containsString("indented"));
        Map<String, String> form = Map.of("namespace", owner, "name", "nul", "visibility", "public", "description", "d",
                "readme", "a\u0000b");
        assertEquals(400, visitor.submit("/repository/create", "/repository/create", form).statusCode());
        visitor.get("/r/" + owner + "/nul").then().statusCode(404);
    }

    private static String csrfOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(html);
        m.find();
        return m.group(1);
    }
}
