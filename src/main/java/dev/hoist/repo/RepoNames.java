package dev.hoist.repo;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Docker Hub's rule for repository names (2 to 255 lowercase letters, digits, - and _), held to
 * the OCI reference grammar so that every name can be pushed and pulled: separators go between
 * letters or digits, never at an end.
 */
public final class RepoNames {

    private static final Pattern OCI_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:_|__|-+)[a-z0-9]+)*");

    private RepoNames() {
    }

    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Enter a repository name.");
        }
        if (name.length() < 2 || name.length() > 255) {
            return Optional.of("Use 2 to 255 characters.");
        }
        if (!name.matches("[a-z0-9_-]+")) {
            return Optional.of("Use only lowercase letters, digits, - and _.");
        }
        if (!OCI_COMPONENT.matcher(name).matches()) {
            return Optional.of("Start and end with a letter or digit, and use at most two _ in a row.");
        }
        return Optional.empty();
    }
}
