package dev.hoist.support;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fires many form posts at once with one visitor's cookies and CSRF token, as an attacker's
 * script would: all requests are in flight together, so check-then-act races show.
 */
public final class FormBurst {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"");

    /** One answer of the burst. */
    public record Answer(int status, String body) {
    }

    private FormBurst() {
    }

    /**
     * Takes the CSRF token from {@code page} as {@code visitor}, then posts {@code count} forms to
     * {@code action} in parallel; form {@code i} is {@code fields.apply(i)}.
     */
    public static List<Answer> post(Visitor visitor, String clientAddress, String page, String action, int count,
            IntFunction<Map<String, String>> fields) {
        return post(visitor, i -> clientAddress, page, action, count, fields);
    }

    /**
     * As {@link #post(Visitor, String, String, String, int, IntFunction)}, form {@code i} coming from
     * {@code clientAddress.apply(i)}: a burst wider than the edge's per-address cap on requests in
     * flight must come from many addresses to reach the code behind the edge.
     */
    public static List<Answer> post(Visitor visitor, IntFunction<String> clientAddress, String page, String action, int count,
            IntFunction<Map<String, String>> fields) {
        String token = token(visitor, page);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(request(visitor, token, clientAddress.apply(i), action, fields.apply(i)));
        }
        return fire(requests);
    }

    /** Each visitor posts the same form once, all at the same time. */
    public static List<Answer> postOnceEach(List<Visitor> visitors, String page, String action, Map<String, String> fields) {
        List<HttpRequest> requests = new ArrayList<>();
        for (Visitor visitor : visitors) {
            requests.add(request(visitor, token(visitor, page), "127.0.0.1", action, fields));
        }
        return fire(requests);
    }

    /** Visitor {@code i} posts form {@code fields.get(i)}, all at the same time. */
    public static List<Answer> postEach(List<Visitor> visitors, String page, String action, List<Map<String, String>> fields) {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < visitors.size(); i++) {
            requests.add(request(visitors.get(i), token(visitors.get(i), page), "127.0.0.1", action, fields.get(i)));
        }
        return fire(requests);
    }

    private static String token(Visitor visitor, String page) {
        Matcher m = TOKEN.matcher(visitor.get(page).asString());
        if (!m.find()) {
            throw new AssertionError("No CSRF token on " + page);
        }
        return m.group(1);
    }

    private static HttpRequest request(Visitor visitor, String token, String clientAddress, String action, Map<String, String> fields) {
        String cookies = List.of("hoist_session", "hoist_csrf").stream()
                .filter(name -> visitor.cookie(name) != null)
                .map(name -> name + "=" + visitor.cookie(name))
                .collect(Collectors.joining("; "));
        Map<String, String> form = new java.util.LinkedHashMap<>(fields);
        form.put("csrf-token", token);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies)
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static List<Answer> fire(List<HttpRequest> requests) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        List<CompletableFuture<HttpResponse<String>>> inFlight = requests.stream()
                .map(r -> client.sendAsync(r, HttpResponse.BodyHandlers.ofString()))
                .toList();
        return inFlight.stream().map(CompletableFuture::join).map(r -> new Answer(r.statusCode(), r.body())).toList();
    }
}
