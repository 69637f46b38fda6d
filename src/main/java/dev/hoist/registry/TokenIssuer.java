package dev.hoist.registry;

import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.model.Repo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Grants the intersection of the requested scopes and what the caller may do, as a signed token.
 * A partial grant is not an error: the registry then refuses the rest.
 */
@ApplicationScoped
public class TokenIssuer {

    private static final int MAX_SCOPE = 4096;

    @Inject
    TokenService tokens;

    @Inject
    Registry registry;

    @Inject
    Access access;

    /** The token response body: {@code token}, {@code access_token}, {@code expires_in}, {@code issued_at}. */
    public Map<String, Object> issue(Caller caller, List<String> scopes) {
        List<Grant> granted = new ArrayList<>();
        for (String scope : scopes == null ? List.<String>of() : scopes) {
            // Names are looked up in PostgreSQL, which takes no NUL: a scope with control characters is refused whole.
            if (!RegistryText.printable(scope, MAX_SCOPE)) {
                throw new RegistryException(ErrorCode.NAME_INVALID, "invalid scope " + RegistryText.shown(scope));
            }
            for (String single : scope.split(" ")) {
                Grant asked = Grant.parseScope(single);
                if (asked != null) {
                    grantable(caller, asked).ifPresent(granted::add);
                }
            }
        }
        Account who = caller.account();
        String token = caller.isOrganizationToken()
                ? tokens.issue("", granted, registry.service(), null, 0, caller.organizationToken().tokenId())
                : tokens.issue(who == null ? "" : who.username(), granted, registry.service(), caller.tokenScope(),
                        who == null ? 0 : who.grantGeneration);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", TokenService.LIFETIME.toSeconds());
        body.put("issued_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return body;
    }

    private static boolean validName(String namespace, String name) {
        try {
            RegistryAccess.validateName(namespace, name);
            return true;
        } catch (RegistryException invalid) {
            return false;
        }
    }

    /** The part of {@code asked} that the caller may have. */
    private Optional<Grant> grantable(Caller caller, Grant asked) {
        if (asked.type().equals("registry") && asked.name().equals("catalog")) {
            // The catalog lists only what the caller may read, so anyone may ask for it.
            return Optional.of(new Grant("registry", "catalog", Set.of("*")));
        }
        if (!asked.type().equals("repository")) {
            return Optional.empty();
        }
        String[] parts = asked.name().split("/");
        if (parts.length != 2) {
            return Optional.empty();
        }
        if (!validName(parts[0], parts[1])) {
            return Optional.empty(); // no repository can have it
        }
        Account who = caller.account();
        Set<String> actions = new LinkedHashSet<>();
        Repo repo = Repo.byName(parts[0], parts[1]).orElse(null);
        if (repo == null) {
            // A first push creates the repository, if the caller may create it there.
            boolean mayCreate = who != null && Namespace.findActive(parts[0]).map(ns -> access.canCreateIn(caller, ns)).orElse(false);
            // Whoever could create it may ask it what it holds (nothing yet: NAME_UNKNOWN, as the spec wants).
            boolean push = asked.actions().contains(Grant.PUSH) || asked.actions().contains("*");
            if (mayCreate && (push || asked.actions().contains(Grant.PULL))) {
                actions.add(Grant.PULL);
            }
            if (mayCreate && push) {
                actions.add(Grant.PUSH);
            }
        } else {
            AccessMode mode = access.permission(caller, repo);
            for (String action : List.of(Grant.PULL, Grant.PUSH, Grant.DELETE)) {
                boolean wanted = asked.actions().contains(action) || asked.actions().contains("*");
                if (wanted && mode.atLeast(RegistryAccess.needed(action))) {
                    actions.add(action);
                }
            }
        }
        return actions.isEmpty() ? Optional.empty()
                : Optional.of(new Grant("repository", asked.name(), actions));
    }
}
