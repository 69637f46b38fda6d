package dev.hoist.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.core.NewCookie;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A one-time message carried across the redirect that ends a form (post/redirect/get),
 * in a short-lived cookie. Templates read it as {@code inject:flash.message}.
 */
@RequestScoped
@Named("flash")
public class Flash {

    public static final String COOKIE = "hoist_flash";

    private String message;
    private boolean shown;
    private boolean garbled;

    void received(String encoded) {
        try {
            message = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            garbled = true; // not one of ours ("%zz"): drop it rather than break the page
        }
    }

    /** The message from the previous request, if any; reading it consumes it. */
    public String getMessage() {
        shown = message != null;
        return message;
    }

    /** True once the message is shown, or if the cookie was garbled: either way it must go. */
    boolean isSpent() {
        return shown || garbled;
    }

    public static NewCookie cookie(String message) {
        return new NewCookie.Builder(COOKIE)
                .value(URLEncoder.encode(message, StandardCharsets.UTF_8))
                .path("/")
                .maxAge(60)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    static NewCookie expired() {
        return new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true).build();
    }
}
