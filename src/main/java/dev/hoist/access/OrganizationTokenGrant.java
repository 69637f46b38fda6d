package dev.hoist.access;

import dev.hoist.model.AccessMode;
import dev.hoist.model.OrganizationToken;
import dev.hoist.model.OrganizationTokenResource;
import dev.hoist.model.Repo;
import java.util.List;
import java.util.UUID;

/**
 * What an organization access token may do: on its own organization's repositories only, the best
 * mode among its resources that match the repository. It never reaches another namespace, whatever
 * its paths say ({@link Access#permission(Caller, Repo)} adds what everyone may do on public ones).
 */
public record OrganizationTokenGrant(long namespaceId, String organization, UUID tokenId, String label,
        List<Rule> rules) {

    /** One resource: a path ({@code acme/app}, {@code acme/*}, {@code *}{@code /*}{@code /public}) and the mode its scopes give. */
    public record Rule(String path, AccessMode mode) {
    }

    /** The path that names every public repository: pulls only, which everyone has anyway. */
    public static final String PUBLIC_PATH = "*/*/public";

    public static OrganizationTokenGrant of(OrganizationToken token) {
        List<Rule> rules = token.resources.stream()
                .filter(r -> OrganizationTokenResource.TYPE_REPO.equals(r.type))
                .map(r -> new Rule(r.path, mode(r.scopes()))).toList();
        return new OrganizationTokenGrant(token.organization.namespace.id, token.organization.name(), token.uuid,
                token.label, rules);
    }

    /** pull → Read, push → Write, delete → Admin: the highest scope given (scopes come as a chain, checked on creation). */
    public static AccessMode mode(List<String> scopes) {
        AccessMode best = AccessMode.NONE;
        for (String scope : scopes) {
            best = AccessMode.max(best, switch (scope) {
                case "repo-pull", "scope-image-pull" -> AccessMode.READ;
                case "repo-push", "scope-image-push" -> AccessMode.WRITE;
                case "repo-delete", "scope-image-delete" -> AccessMode.ADMIN;
                default -> AccessMode.NONE;
            });
        }
        return best;
    }

    /** The token's own mode on {@code repo}: NONE outside its organization or its resources. */
    public AccessMode on(Repo repo) {
        if (!repo.namespace.id.equals(namespaceId)) {
            return AccessMode.NONE;
        }
        String fullName = organization + "/" + repo.name;
        AccessMode best = AccessMode.NONE;
        for (Rule rule : rules) {
            if (PUBLIC_PATH.equals(rule.path())) {
                best = AccessMode.max(best, repo.isPrivate ? AccessMode.NONE : AccessMode.min(rule.mode(), AccessMode.READ));
            } else if (matches(rule.path(), fullName)) {
                best = AccessMode.max(best, rule.mode());
            }
        }
        return best;
    }

    /** {@code *} stands for any run of characters within the repository part; the rest must be equal. */
    static boolean matches(String pattern, String fullName) {
        int slash = pattern.indexOf('/');
        if (slash < 0 || !pattern.substring(0, slash + 1).equals(fullName.substring(0, Math.min(fullName.length(), slash + 1)))) {
            return false;
        }
        String regex = java.util.Arrays.stream(pattern.substring(slash + 1).split("\\*", -1))
                .map(java.util.regex.Pattern::quote).reduce((a, b) -> a + "[^/]*" + b).orElse("");
        return fullName.substring(slash + 1).matches(regex);
    }
}
