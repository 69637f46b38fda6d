package dev.hoist.oidc;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What Hoist takes from a verified ID token. */
public record OidcIdentity(String issuer, String subject, String preferredUsername, String email, boolean emailVerified,
        String rawIdToken) {

    /** The identity quarkus-oidc verified for this request (signature, issuer, audience, expiry), if any. */
    public static Optional<OidcIdentity> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        IdTokenCredential credential = identity.getCredential(IdTokenCredential.class);
        if (credential == null || jwt.getIssuer() == null || jwt.getSubject() == null) {
            return Optional.empty();
        }
        return Optional.of(new OidcIdentity(jwt.getIssuer(), jwt.getSubject(), string(jwt.getClaim("preferred_username")),
                string(jwt.getClaim("email")), bool(jwt.getClaim("email_verified")), credential.getToken()));
    }

    private static String string(Object claim) {
        if (claim instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return claim == null ? null : claim.toString();
    }

    private static boolean bool(Object claim) {
        return Boolean.TRUE.equals(claim) || JsonValue.TRUE.equals(claim) || "true".equals(String.valueOf(claim));
    }
}
