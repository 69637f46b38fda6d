package dev.hoist.web;

import dev.hoist.auth.CurrentUser;
import dev.hoist.platform.HoistConfig;
import dev.hoist.platform.ServerSecrets;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of this request's forms, as {@code inject:csrfToken} in templates: an HMAC, with
 * a key kept in {@link ServerSecrets}, of what only this browser holds. Signed in, that is the
 * session; signed out, a random {@value #COOKIE} cookie. Nobody without the key can make a token,
 * and a token taken from one's own page is worthless in another browser's session.
 */
@RequestScoped
@Named("csrfToken")
public class CsrfToken {

    public static final String FIELD = "csrf-token";
    public static final String HEADER = "X-CSRF-Token";
    static final String COOKIE = "hoist_csrf";
    private static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext routing;

    @Inject
    CurrentUser currentUser;

    @Inject
    ServerSecrets secrets;

    @Inject
    HoistConfig config;

    private String visitorId;
    private String issuedCookie;

    public String getField() {
        return FIELD;
    }

    public String getValue() {
        String binding = currentUser.session().map(s -> "session:" + s.tokenHash).orElseGet(() -> "visitor:" + visitorId());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get("csrf-key", 32), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(binding.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For a response that sets cookies of its own (its Set-Cookie headers replace the one added as
     * the headers leave): the visitor cookie this page's token is bound to, if it is new.
     */
    public java.util.Optional<String> newVisitorCookie() {
        getValue();
        return java.util.Optional.ofNullable(issuedCookie);
    }

    /** True if {@code sent} is this browser's token (compared in constant time). */
    boolean matches(String sent) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), getValue().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The visitor's random id from the cookie. A missing or garbled cookie is replaced, never an
     * error: the new one goes out with this response (set as the headers leave, so it works
     * whether the page is rendered before or after the response filters).
     */
    private String visitorId() {
        if (visitorId == null) {
            Cookie cookie = routing.request().getCookie(COOKIE);
            if (cookie != null && VISITOR_ID.matcher(cookie.getValue()).matches()) {
                visitorId = cookie.getValue();
            } else {
                byte[] random = new byte[16];
                RANDOM.nextBytes(random);
                visitorId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                String setCookie = issuedCookie = Cookie.cookie(COOKIE, visitorId).setPath("/").setHttpOnly(true)
                        .setSecure(config.session().secureCookie()).setSameSite(CookieSameSite.LAX).encode();
                routing.addHeadersEndHandler(sent -> routing.response().headers()
                        .add(HttpHeaders.SET_COOKIE, setCookie)
                        .set(HttpHeaders.CACHE_CONTROL, PrivatePages.NO_STORE));
            }
        }
        return visitorId;
    }
}
