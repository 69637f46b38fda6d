package dev.hoist.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Keycloak's admin REST API, as an administrator changes users there: make a user, change their email. */
public class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String realm;
    private final String token;

    KeycloakAdmin(String base, String realm, String username, String password) {
        this.base = base;
        this.realm = realm;
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), 200);
        this.token = read(response.body()).get("access_token").asText();
    }

    /** A user who can sign in at once with {@code password}; returns their id (the ID token's subject). */
    public String createUser(String username, String email, boolean emailVerified, String password) {
        Map<String, Object> user = Map.of("username", username, "email", email, "emailVerified", emailVerified,
                "enabled", true, "firstName", "Test", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> response = send(request("/users").POST(body(user)).build(), 201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Changes the user's email as an administrator would in the admin console. */
    public void changeEmail(String userId, String email, boolean emailVerified) {
        ObjectNode user = (ObjectNode) read(send(request("/users/" + userId).GET().build(), 200).body());
        user.put("email", email);
        user.put("emailVerified", emailVerified);
        send(request("/users/" + userId).PUT(body(user)).build(), 204);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
