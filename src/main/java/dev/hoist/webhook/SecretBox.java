package dev.hoist.webhook;

import dev.hoist.platform.ServerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets at rest: AES-256-GCM with a key from server_secrets, so a copy of the webhooks
 * table alone (a backup, a leaked dump) does not let anyone sign payloads. Hoist must read the
 * secret back to sign, so it is encrypted, not hashed.
 */
@ApplicationScoped
public class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    @Inject
    ServerSecrets secrets;

    public byte[] seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String open(byte[] box) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, box, 0, NONCE));
            return new String(cipher.doFinal(box, NONCE, box.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret could not be decrypted", e);
        }
    }

    private SecretKeySpec key() {
        return new SecretKeySpec(secrets.get("webhook-secret-key", 32), "AES");
    }
}
