package dev.hoist.model;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Docker Hub's rule for user and organization names: 4 to 30 lowercase letters and digits. */
public final class NamespaceNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9]{4,30}");

    /**
     * Names that would impersonate the site or that belong to it ({@code library} holds official
     * images), and the first words of Docker Hub's API paths ({@code /v2/users/login},
     * {@code /v2/repositories/…}): a namespace so named would share its registry paths with the API.
     */
    private static final Set<String> RESERVED = Set.of(
            "library", "admin", "administrator", "root", "hoist", "official", "support", "help",
            "system", "registry", "docker", "settings", "search", "login", "logout", "signup", "static",
            "explore", "orgs", "repository", "security", "abuse", "postmaster", "webmaster", "token", "null",
            "users", "user", "auth", "repositories", "namespaces", "invites", "auditlogs");

    private NamespaceNames() {
    }

    /** What is wrong with {@code name}, if anything, in words for the form. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Enter a username.");
        }
        if (name.length() < 4 || name.length() > 30) {
            return Optional.of("Use 4 to 30 characters.");
        }
        if (!VALID.matcher(name).matches()) {
            return Optional.of("Use only lowercase letters (a-z) and digits (0-9).");
        }
        if (RESERVED.contains(name)) {
            return Optional.of("This name is reserved.");
        }
        return Optional.empty();
    }
}
