package dev.hoist.auth;

import dev.hoist.account.Sessions;
import dev.hoist.model.Account;
import dev.hoist.platform.HoistConfig;
import dev.hoist.platform.ServerSecrets;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in session cookie. It carries a random token naming a row of the sessions table
 * ({@link Sessions}), so signing out ends the session on every copy of Hoist. The AES-GCM
 * sealing below is kept for other cookies that must stay private; its key is one of the
 * {@link ServerSecrets}.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "hoist_session";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ServerSecrets secrets;

    @Inject
    HoistConfig config;

    @Inject
    Sessions sessions;

    @Inject
    RoutingContext routing;

    private SecretKeySpec key;

    @Startup
    void init() {
        key = new SecretKeySpec(secrets.get("session-key", 32), "AES");
    }

    /** Starts a session for {@code account} from this request's browser, and the cookie that carries it. */
    public NewCookie issue(Account account) {
        HttpServerRequest request = routing.request();
        String token = sessions.start(account, config.session().maxAge(), request.getHeader("User-Agent"), clientAddress(request));
        return cookie(token, (int) config.session().maxAge().toSeconds());
    }

    public NewCookie clear() {
        return cookie("", 0);
    }

    /** True for a value a session cookie could hold; anything else is not worth a database query. */
    static boolean wellFormed(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }

    static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(NAME)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(config.session().secureCookie())
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    /** Encrypts {@code plain} with the session key (for other cookies that must stay private). */
    public String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text {@link #seal} sealed, or empty when forged, truncated or from an older key. */
    public Optional<String> open(String value) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(value);
            // Shorter than nonce and tag: GCM would throw an unchecked ShortBufferException.
            if (all.length < IV_BYTES + TAG_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException | ProviderException e) {
            return Optional.empty(); // forged, truncated or from an older key
        }
    }
}
