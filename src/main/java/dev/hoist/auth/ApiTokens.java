package dev.hoist.auth;

import dev.hoist.access.Caller;
import dev.hoist.model.AccessToken;
import dev.hoist.model.Account;
import dev.hoist.org.OrgTokenService;
import dev.hoist.platform.ServerSecrets;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/**
 * The JWTs of the JSON API ({@code POST /v2/users/login} → {@code token}), signed like the
 * registry's tokens with a key shared by every copy through {@link ServerSecrets}, but their own
 * key and audience: a registry token is no API token and the reverse, and neither is a session
 * cookie (which names a row of the sessions table).
 *
 * <p>A token carries the account's session epoch, so a password change or "sign out everywhere"
 * ends it, and, when it came from a personal access token, that token's id and scope: it is capped
 * like the token and ends when the token is deactivated or revoked. One made from an organization
 * access token names the organization and the token ({@code oat}), and lives only as long as it.
 */
@ApplicationScoped
public class ApiTokens {

    public static final String ISSUER = "hoist";
    public static final String AUDIENCE = "hoist-api";
    public static final Duration LIFETIME = Duration.ofHours(24);
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";

    @Inject
    ServerSecrets secrets;

    @Inject
    OrgTokenService organizationTokens;

    private byte[] key() {
        return secrets.get("api-token-key", 32);
    }

    /** A token for {@code caller} (a signed-in account). */
    public String issue(Caller caller) {
        return sign(caller, ACCESS, LIFETIME);
    }

    /** A longer-lived token that buys new tokens at {@code /v2/users/login} and opens nothing else. */
    public String issueRefresh(Caller caller) {
        return sign(caller, REFRESH, REFRESH_LIFETIME);
    }

    private String sign(Caller caller, String type, Duration lifetime) {
        if (caller.isOrganizationToken()) {
            // No person and no session epoch: the token itself, checked live on every use.
            return Jwt.issuer(ISSUER).subject(caller.organizationToken().organization()).audience(AUDIENCE)
                    .claim("jti", UUID.randomUUID().toString()).claim("typ", type)
                    .claim("oat", caller.organizationToken().tokenId().toString()).expiresIn(lifetime)
                    .jws().algorithm(SignatureAlgorithm.HS256).sign(new SecretKeySpec(key(), "HmacSHA256"));
        }
        Account who = caller.account();
        var builder = Jwt.issuer(ISSUER)
                .subject(who.username())
                .audience(AUDIENCE)
                .claim("jti", UUID.randomUUID().toString())
                .claim("typ", type)
                .claim("epoch", who.sessionEpoch)
                .expiresIn(lifetime);
        if (caller.tokenId() != null) {
            builder.claim("pat", caller.tokenId().toString());
            builder.claim("pat_scope", caller.tokenScope());
        }
        return builder.jws().algorithm(SignatureAlgorithm.HS256).sign(new SecretKeySpec(key(), "HmacSHA256"));
    }

    /** The caller of a live access token; empty for anything else (forged, expired, refresh, ended). */
    public Optional<Caller> verify(String token) {
        return verify(token, ACCESS);
    }

    /** The caller a live refresh token stands for. */
    public Optional<Caller> verifyRefresh(String token) {
        return verify(token, REFRESH);
    }

    private Optional<Caller> verify(String token, String type) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setVerificationKey(new HmacKey(key()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256")
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            if (!type.equals(claims.getStringClaimValue("typ"))) {
                return Optional.empty();
            }
            String oat = claims.getStringClaimValue("oat");
            if (oat != null) {
                String organization = claims.getSubject();
                return organizationTokens.live(UUID.fromString(oat)).filter(g -> g.organization().equals(organization))
                        .map(Caller::of);
            }
            Account who = Account.findByUsername(claims.getSubject()).orElse(null);
            Object epoch = claims.getClaimValue("epoch");
            if (who == null || !(epoch instanceof Number n) || n.intValue() != who.sessionEpoch) {
                return Optional.empty();
            }
            String pat = claims.getStringClaimValue("pat");
            if (pat == null) {
                return Optional.of(new Caller(who, null));
            }
            return AccessToken.findByUuid(who, UUID.fromString(pat)).filter(AccessToken::isLive)
                    .map(t -> new Caller(who, t.scope.name(), t.uuid));
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
