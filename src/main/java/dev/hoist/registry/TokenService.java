package dev.hoist.registry;

import dev.hoist.platform.ServerSecrets;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/**
 * Registry bearer tokens: short-lived JWTs with Docker's {@code access} claim, signed with a key
 * that is made on first start and shared by every copy through {@link ServerSecrets}. Only Hoist
 * reads them, so a shared HMAC key is enough.
 */
@ApplicationScoped
public class TokenService {

    public static final String ISSUER = "hoist";
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    /**
     * What a valid token says; {@code generation} is the account's grant generation when it was
     * issued (0 in tokens from before generations existed).
     */
    public record Claims(String subject, List<Grant> grants, String tokenScope, long generation,
            String organizationToken) {
    }

    @Inject
    ServerSecrets secrets;

    private SecretKey key() {
        return new SecretKeySpec(secrets.get("registry-token-key", 32), "HmacSHA256");
    }

    /**
     * @param tokenScope the personal access token's scope if one was used (READ/WRITE/ADMIN), so
     *        requests can be capped by it; null for a password
     * @param generation the account's grant generation, read with the credentials that were checked
     */
    public String issue(String subject, List<Grant> grants, String service, String tokenScope, long generation) {
        return issue(subject, grants, service, tokenScope, generation, null);
    }

    /**
     * @param organizationToken the id of the organization access token used, if one was: every
     *        request checks that it is still live, so revoking it ends its registry tokens at once
     */
    public String issue(String subject, List<Grant> grants, String service, String tokenScope, long generation,
            java.util.UUID organizationToken) {
        List<Map<String, Object>> access = new ArrayList<>();
        for (Grant g : grants) {
            access.add(Map.of("type", g.type(), "name", g.name(), "actions", List.copyOf(g.actions())));
        }
        var builder = Jwt.issuer(ISSUER)
                .subject(subject == null ? "" : subject)
                .audience(service)
                .claim("jti", UUID.randomUUID().toString())
                .claim("access", access)
                .claim("gen", generation)
                .expiresIn(LIFETIME);
        if (tokenScope != null) {
            builder.claim("pat_scope", tokenScope);
        }
        if (organizationToken != null) {
            builder.claim("oat", organizationToken.toString());
        }
        return builder.jws().algorithm(SignatureAlgorithm.HS256).sign(key());
    }

    public Optional<Claims> verify(String token, String service) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(service)
                .setVerificationKey(new HmacKey(key().getEncoded()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256")
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Object generation = claims.getClaimValue("gen");
            return Optional.of(new Claims(claims.getSubject(), grants(claims), claims.getStringClaimValue("pat_scope"),
                    generation instanceof Number n ? n.longValue() : 0, claims.getStringClaimValue("oat")));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Grant> grants(JwtClaims claims) {
        Object access = claims.getClaimValue("access");
        List<Grant> grants = new ArrayList<>();
        if (access instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> map && map.get("actions") instanceof List<?> actions) {
                    grants.add(new Grant(String.valueOf(map.get("type")), String.valueOf(map.get("name")),
                            new HashSet<>((List<String>) actions)));
                }
            }
        }
        return grants;
    }
}
