package dev.hoist.web;

import dev.hoist.HoistConfig;
import dev.hoist.platform.ServerSecrets;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in session lives in an encrypted, authenticated cookie (AES-GCM) rather than in
 * server memory, so it survives restarts and works on every copy of Hoist. The key is one of
 * the {@link ServerSecrets}.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "hoist_session";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a valid cookie says: who, in which session epoch, until when. */
    public record Claims(long accountId, int epoch, Instant expires) {
    }

    @Inject
    ServerSecrets secrets;

    @Inject
    HoistConfig config;

    private SecretKeySpec key;

    @Startup
    void init() {
        key = new SecretKeySpec(secrets.get("session-key", 32), "AES");
    }

    public NewCookie issue(long accountId, int epoch) {
        Instant expires = Instant.now().plus(config.session().maxAge());
        String plain = "v1:" + accountId + ":" + epoch + ":" + expires.getEpochSecond();
        return cookie(seal(plain), (int) config.session().maxAge().toSeconds());
    }

    public NewCookie clear() {
        return cookie("", 0);
    }

    public Optional<Claims> read(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return open(value).flatMap(SessionCookie::parse).filter(c -> c.expires().isAfter(Instant.now()));
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
            if (all.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty(); // forged, truncated or from an older key
        }
    }

    private static Optional<Claims> parse(String plain) {
        String[] parts = plain.split(":");
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claims(Long.parseLong(parts[1]), Integer.parseInt(parts[2]),
                    Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
