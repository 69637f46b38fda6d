package dev.hoist.org;

import dev.hoist.access.OrganizationTokenGrant;
import dev.hoist.model.AccessMode;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Organization;
import dev.hoist.model.OrganizationTokenResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What an organization access token may be made of; every message names the field it is about. */
public final class OrgTokenRules {

    static final int MAX_RESOURCES = 50;
    private static final Set<String> PULL = Set.of("repo-pull", "scope-image-pull");
    private static final Set<String> PUSH = Set.of("repo-push", "scope-image-push");
    private static final Set<String> DELETE = Set.of("repo-delete", "scope-image-delete");
    /** A repository name, or a glob of one with {@code *}. */
    private static final Pattern REPO_PART = Pattern.compile("[a-z0-9*]([a-z0-9._*-]{0,254})");

    /** A resource as the API or the form gives it. */
    public record Input(String type, String path, List<String> scopes) {
    }

    private OrgTokenRules() {
    }

    static String label(String label, FieldErrors errors) {
        String text = label == null ? "" : label.trim();
        if (text.isEmpty() || text.length() > 100 || !clean(text)) {
            errors.add("label", "Name the token in 1 to 100 characters, such as \"CI pulls\".");
        }
        return text;
    }

    static String description(String description, FieldErrors errors) {
        String text = description == null ? "" : description.trim();
        if (text.length() > 255 || !clean(text)) {
            errors.add("description", "Describe the token in at most 255 characters, on one line.");
        }
        return text;
    }

    static void expiry(Instant expiresAt, FieldErrors errors) {
        Instant now = Instant.now();
        if (expiresAt != null && (expiresAt.isBefore(now.plus(Duration.ofMinutes(1)))
                || expiresAt.isAfter(now.plus(Duration.ofDays(3650))))) {
            errors.add("expires_at", "Choose an expiry between a minute and ten years from now.");
        }
    }

    /**
     * The resources, checked: each of type TYPE_REPO, a path in {@code org} ({@code org/app},
     * {@code org/*}) or {@code *}{@code /*}{@code /public}, and scopes that form a chain (push needs
     * pull, delete needs push), since a repository's permissions are ordered.
     */
    static List<OrganizationTokenResource> resources(Organization org, List<Input> inputs, FieldErrors errors) {
        List<OrganizationTokenResource> checked = new ArrayList<>();
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_RESOURCES) {
            errors.add("resources", "Give 1 to " + MAX_RESOURCES + " resources.");
            return checked;
        }
        for (Input in : inputs) {
            String problem = problem(org, in);
            if (problem != null) {
                errors.add("resources", problem);
                return checked;
            }
            checked.add(new OrganizationTokenResource(in.type(), in.path(), List.copyOf(in.scopes())));
        }
        return checked;
    }

    private static String problem(Organization org, Input in) {
        if (!OrganizationTokenResource.TYPE_REPO.equals(in.type())) {
            return "type must be TYPE_REPO: organization administration (TYPE_ORG) is not offered by organization tokens here.";
        }
        String path = in.path() == null ? "" : in.path();
        if (!path.equals(OrganizationTokenGrant.PUBLIC_PATH)) {
            int slash = path.indexOf('/');
            if (slash < 0 || !path.substring(0, slash).equals(org.name())
                    || !REPO_PART.matcher(path.substring(slash + 1)).matches()) {
                return "path must be a repository of " + org.name() + " (" + org.name() + "/app), a pattern such as "
                        + org.name() + "/*, or */*/public.";
            }
        }
        List<String> scopes = in.scopes() == null ? List.of() : in.scopes();
        if (scopes.isEmpty() || scopes.size() > 3 || scopes.stream().anyMatch(s -> s == null
                || !(PULL.contains(s) || PUSH.contains(s) || DELETE.contains(s)))) {
            return "scopes must be repo-pull, repo-push, repo-delete (or scope-image-pull, -push, -delete).";
        }
        boolean pull = scopes.stream().anyMatch(PULL::contains);
        boolean push = scopes.stream().anyMatch(PUSH::contains);
        boolean delete = scopes.stream().anyMatch(DELETE::contains);
        if (push && !pull || delete && !push) {
            return "scopes build on each other: repo-push needs repo-pull, repo-delete needs repo-push.";
        }
        if (path.equals(OrganizationTokenGrant.PUBLIC_PATH) && OrganizationTokenGrant.mode(scopes) != AccessMode.READ) {
            return "*/*/public takes repo-pull only.";
        }
        return null;
    }

    private static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
