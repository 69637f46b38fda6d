package dev.hoist.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in to Hoist through Keycloak's login form over plain HTTP, following every redirect by
 * hand so that the test can see the cookies on the way (quarkus-oidc's {@code q_session}).
 */
public class KeycloakSignIn {

    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    /** HTTP/1.1, as browsers speak to a plain-HTTP server (they use HTTP/2 only over TLS). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Cookies per host:port, names to values. Java's CookieManager would withhold Keycloak's Secure cookies over plain HTTP; browsers and curl send them to loopback. */
    private final Map<String, Map<String, String>> jar = new HashMap<>();
    private String quarkusSession;

    /** Runs the whole flow from {@code hoistBase/login/oidc}; returns the page it ends on. */
    public HttpResponse<String> signIn(String hoistBase, String username, String password) {
        return signInFrom(hoistBase + "/login/oidc", username, password);
    }

    /** Runs the flow from {@code start} (such as the "Sign in with Keycloak" link of a page) through Keycloak's form. */
    public HttpResponse<String> signInFrom(String start, String username, String password) {
        HttpResponse<String> loginPage = visit(start);
        Matcher form = FORM.matcher(loginPage.body());
        if (!form.find()) {
            throw new AssertionError("No Keycloak login form at " + loginPage.uri() + ": " + loginPage.body());
        }
        URI action = loginPage.uri().resolve(form.group(1).replace("&amp;", "&"));
        String body = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
        return follow(send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    /** The last non-empty {@code q_session} Hoist set during the flow (encrypted by quarkus-oidc). */
    public String quarkusSession() {
        return quarkusSession;
    }

    /** Opens {@code url} and follows every redirect, as a browser would; Keycloak's own session cookie goes too. */
    public HttpResponse<String> visit(String url) {
        return follow(get(URI.create(url)));
    }

    /** The cookie this client holds for {@code url}'s host and port, or null. */
    public String cookie(String url, String name) {
        URI uri = URI.create(url);
        return jar.getOrDefault(uri.getHost() + ":" + uri.getPort(), Map.of()).get(name);
    }

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    /** Posts a form to {@code url} with this client's cookies, and follows the redirects. */
    public HttpResponse<String> post(String url, String formBody) {
        return follow(send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build()));
    }

    /** Follows redirects on this machine only: a redirect to any other host is an open redirect, and fails the test. */
    private HttpResponse<String> follow(HttpResponse<String> response) {
        for (int hops = 0; hops < 20 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (!"localhost".equals(next.getHost()) && !"127.0.0.1".equals(next.getHost())) {
                throw new AssertionError(response.uri() + " redirected off this machine, to " + next);
            }
            response = get(next);
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest request) {
        String host = request.uri().getHost() + ":" + request.uri().getPort();
        Map<String, String> cookies = jar.computeIfAbsent(host, h -> new LinkedHashMap<>());
        if (!cookies.isEmpty()) {
            String header = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Cookie", header).build();
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                int eq = cookie.indexOf('=');
                int end = cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';');
                String name = cookie.substring(0, eq);
                String value = cookie.substring(eq + 1, end);
                boolean expired = value.isEmpty() || cookie.toLowerCase().contains("max-age=0");
                if (expired) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                    if (name.equals("q_session")) {
                        quarkusSession = value;
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
