package dev.hoist.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of event a webhook may ask for; organization-only kinds are offered on organizations only. */
public enum WebhookEvent {
    IMAGE_PUSHED("image_pushed", "Image pushed", false),
    TAG_DELETED("tag_deleted", "Tag deleted", false),
    MANIFEST_DELETED("manifest_deleted", "Manifest deleted", false),
    VISIBILITY_CHANGED("visibility_changed", "Repository visibility changed", false),
    // A repository's own webhooks are made after it and go with it: these two reach organizations only.
    REPOSITORY_CREATED("repository_created", "Repository created", true),
    REPOSITORY_DELETED("repository_deleted", "Repository deleted", true),
    MEMBERS("members", "Member added or removed", true),
    TEAMS("teams", "Team created, renamed, deleted or given a permission", true);

    private final String key;
    private final String label;
    private final boolean organizationOnly;

    WebhookEvent(String key, String label, boolean organizationOnly) {
        this.key = key;
        this.label = label;
        this.organizationOnly = organizationOnly;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public boolean organizationOnly() {
        return organizationOnly;
    }

    /** The kinds a repository's (false) or an organization's (true) webhook may ask for. */
    public static List<WebhookEvent> offered(boolean organization) {
        return Arrays.stream(values()).filter(e -> organization || !e.organizationOnly).toList();
    }

    public static Optional<WebhookEvent> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
    }
}
