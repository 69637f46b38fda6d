package dev.hoist.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Arrays;
import java.util.List;

/**
 * One thing an organization access token reaches: a repository ({@code acme/app}) or a pattern
 * ({@code acme/*}) of type {@code TYPE_REPO}, with its scopes as the API was given them.
 */
@Embeddable
public class OrganizationTokenResource {

    public static final String TYPE_REPO = "TYPE_REPO";

    public String type;

    public String path;

    /** Space-separated, in the order given. */
    @Column(name = "scopes")
    public String scopeText;

    public OrganizationTokenResource() {
    }

    public OrganizationTokenResource(String type, String path, List<String> scopes) {
        this.type = type;
        this.path = path;
        this.scopeText = String.join(" ", scopes);
    }

    public List<String> scopes() {
        return scopeText == null || scopeText.isEmpty() ? List.of() : Arrays.asList(scopeText.split(" "));
    }
}
