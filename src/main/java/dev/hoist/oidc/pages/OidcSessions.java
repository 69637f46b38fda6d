package dev.hoist.oidc.pages;

import dev.hoist.auth.SessionCookie;
import dev.hoist.platform.HoistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Optional;

/**
 * Remembers, in an encrypted cookie beside Hoist's session, how to end the provider's session:
 * its end-session endpoint and the ID token to pass as {@code id_token_hint}. Signing out of
 * Hoist then sends the browser there (RP-initiated logout), which returns to Hoist's home page.
 */
@ApplicationScoped
public class OidcSessions {

    public static final String NAME = "hoist_oidc";
    /** quarkus-oidc's own session cookie; it only serves the sign-in path. */
    static final String QUARKUS_SESSION = "q_session";
    private static final String PREFIX = "oidc1\n";

    @Inject
    SessionCookie sessionCookie;

    @Inject
    HoistConfig config;

    public NewCookie remember(String endSessionUri, String idToken) {
        return cookie(NAME, "/", sessionCookie.seal(PREFIX + endSessionUri + "\n" + idToken),
                (int) config.session().maxAge().toSeconds());
    }

    public NewCookie clear() {
        return cookie(NAME, "/", "", 0);
    }

    public NewCookie clearQuarkusSession() {
        return cookie(QUARKUS_SESSION, "/login/oidc", "", 0);
    }

    /** Where to send a browser that signs out, given the cookie it sent and Hoist's home page. */
    public Optional<URI> endSession(String cookieValue, URI requestBase) {
        URI home = config.baseUrl().map(b -> URI.create(b.replaceAll("/+$", "") + "/")).orElse(requestBase);
        if (cookieValue == null || cookieValue.isEmpty() || !config.oidc().enabled()) {
            return Optional.empty();
        }
        return sessionCookie.open(cookieValue).filter(v -> v.startsWith(PREFIX)).map(v -> v.substring(PREFIX.length()))
                .map(v -> v.split("\n", 2)).filter(parts -> parts.length == 2 && !parts[0].isBlank())
                .map(parts -> UriBuilder.fromUri(parts[0])
                        .queryParam("id_token_hint", parts[1])
                        .queryParam("post_logout_redirect_uri", home.toString())
                        .queryParam("client_id", config.oidc().clientId())
                        .build());
    }

    private NewCookie cookie(String name, String path, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(config.session().secureCookie())
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
