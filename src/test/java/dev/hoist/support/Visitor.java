package dev.hoist.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person using Hoist over HTTP: keeps cookies like a browser, reads the CSRF token from the
 * page that holds a form, and submits the form with it.
 */
public class Visitor {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> cookies = new HashMap<>();
    private String address = "127.0.0.1";
    private String baseUri;

    /** A visitor of the Hoist under test. */
    public Visitor() {
    }

    /** A visitor of the Hoist at {@code baseUri}, such as a copy started by a test. */
    public Visitor(String baseUri) {
        this.baseUri = baseUri;
    }

    /** A fresh valid username (4–30 lowercase letters and digits). */
    public static String uniqueName(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        while (name.length() < prefix.length() + 8) {
            name.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(RANDOM.nextInt(36)));
        }
        return name.toString();
    }

    /** Signs up a new account and stays signed in. */
    public static Visitor signedUp(String username) {
        return new Visitor().signUp(username);
    }

    /** Signs this visitor up as {@code username} with the password "password123". */
    public Visitor signUp(String username) {
        Visitor visitor = this;
        Response response = visitor.submit("/signup", "/signup",
                Map.of("username", username, "email", username + "@example.test", "password", "password123"));
        if (response.statusCode() != 303) {
            throw new AssertionError("Sign-up of " + username + " failed: " + response.statusCode());
        }
        return visitor;
    }

    /** Requests come "from" this address (the test profile trusts X-Forwarded-For). */
    public Visitor from(String clientAddress) {
        this.address = clientAddress;
        return this;
    }

    public RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).cookies(cookies).header("X-Forwarded-For", address);
        return baseUri == null ? spec : spec.baseUri(baseUri).port(java.net.URI.create(baseUri).getPort());
    }

    public Response get(String path) {
        return keep(request().get(path));
    }

    /** Opens {@code page}, takes its CSRF token, and posts {@code fields} to {@code action}. */
    public Response submit(String page, String action, Map<String, String> fields) {
        String token = tokenFrom(get(page).asString());
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf-token", token);
        return post(action, form);
    }

    /** Posts exactly {@code fields}, with no token unless they hold one. */
    public Response post(String path, Map<String, String> fields) {
        // UTF-8, as browsers encode a form of a UTF-8 page.
        return keep(request().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(fields).post(path));
    }

    /** Another visitor with this one's cookies and address, to send requests in parallel (each keeps its own cookies). */
    public Visitor copy() {
        Visitor twin = baseUri == null ? new Visitor() : new Visitor(baseUri);
        twin.cookies.putAll(cookies);
        twin.address = address;
        return twin;
    }

    /** The CSRF token of the form on {@code page}. */
    public String csrfToken(String page) {
        return tokenFrom(get(page).asString());
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public Visitor withCookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    private Response keep(Response response) {
        response.getDetailedCookies().forEach(c -> {
            if (c.getMaxAge() == 0 || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        return response;
    }

    private static String tokenFrom(String html) {
        Matcher m = TOKEN.matcher(html);
        if (!m.find()) {
            throw new AssertionError("The page has no form with a CSRF token");
        }
        return m.group(1);
    }
}
