package dev.hoist.registry;

import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.account.GrantGenerations;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.NamespaceNames;
import dev.hoist.model.Repo;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.repo.RepoNames;
import dev.hoist.repo.RepoService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The registry's gate: the token must grant the action, and the one access function must still
 * allow it now (a grant removed after the token was issued takes effect at once). A push or
 * delete also needs the token to be of the account's current grant generation, so a token issued
 * before a personal access token was revoked or the password changed cannot write any more.
 */
@ApplicationScoped
public class RegistryAccess {

    @Inject
    RegistryCaller caller;

    @Inject
    Access access;

    @Inject
    RepoService repos;

    @Inject
    GrantGenerations generations;

    /** pull → Read, push → Write, delete → Admin; capped by a personal access token's scope. */
    public static AccessMode needed(String action) {
        return switch (action) {
            case Grant.PULL -> AccessMode.READ;
            case Grant.PUSH -> AccessMode.WRITE;
            default -> AccessMode.ADMIN;
        };
    }

    /**
     * The repository if the caller may do {@code action} on it. A push to a repository that does
     * not exist yet creates it when the caller may create repositories in that namespace.
     */
    public Repo require(String namespace, String name, String action) {
        validateName(namespace, name);
        String fullName = namespace + "/" + name;
        String scope = "repository:" + fullName + ":" + (Grant.PULL.equals(action) ? "pull" : "pull," + action);
        if (!caller.granted(fullName, action)) {
            throw RegistryException.unauthorized(scope);
        }
        if (!Grant.PULL.equals(action) && !caller.subject().isEmpty()
                && !generations.isCurrent(caller.subject(), caller.generation())) {
            // Issued before a token was revoked or the password changed: ask the client to log in again.
            throw RegistryException.unauthorized(scope);
        }
        if (caller.isOrganizationToken() && caller.caller().isEmpty()) {
            // Its organization access token was revoked, deactivated or has expired: nothing more, pulls included.
            throw RegistryException.unauthorized(scope);
        }
        Repo repo = Repo.byName(namespace, name).orElse(null);
        if (repo != null && Access.capByToken(access.forAnyone(repo), caller.tokenScope()).atLeast(needed(action))) {
            return repo; // what everyone may do needs no account loaded
        }
        Account who = caller.account().orElse(null);
        if (repo == null) {
            if (Grant.PUSH.equals(action) && who != null) {
                return created(who, namespace, name);
            }
            throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + fullName + " not known to registry");
        }
        AccessMode mode = access.permission(caller.caller().orElseThrow(), repo);
        if (!mode.atLeast(AccessMode.READ)) {
            throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + fullName + " not known to registry");
        }
        if (!mode.atLeast(needed(action))) {
            throw new RegistryException(ErrorCode.DENIED);
        }
        return repo;
    }

    /** Whether anyone, signed in or not, may read the repository: only then may shared caches keep what it serves. */
    public boolean isPublic(Repo repo) {
        return access.forAnyone(repo).atLeast(AccessMode.READ);
    }

    private Repo created(Account who, String namespace, String name) {
        try {
            return repos.createForPush(who, namespace, name)
                    .orElseThrow(() -> new RegistryException(ErrorCode.DENIED, "you may not create repositories in " + namespace));
        } catch (QuotaExceededException quota) {
            throw RegistryException.of(quota);
        } catch (RuntimeException raced) {
            // Another push may have created it a moment ago (the unique name decided).
            return Repo.byName(namespace, name).orElseThrow(() -> raced);
        }
    }

    public static void validateName(String namespace, String name) {
        if (NamespaceNames.problem(namespace).filter(m -> !m.equals("This name is reserved.")).isPresent()
                || RepoNames.problem(name).isPresent()) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name " + namespace + "/" + name);
        }
    }
}
