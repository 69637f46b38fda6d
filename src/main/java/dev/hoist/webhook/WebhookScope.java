package dev.hoist.webhook;

import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Webhook;

/**
 * Whose webhooks: a repository's or an organization's. Only {@link WebhookService} makes one, after
 * {@code Access} said the caller may manage them, so holding a scope means having been let in.
 */
public final class WebhookScope {

    private final Long repositoryId;
    private final Long organizationId;
    private final String namespace;
    private final String repository;

    private WebhookScope(Long repositoryId, Long organizationId, String namespace, String repository) {
        this.repositoryId = repositoryId;
        this.organizationId = organizationId;
        this.namespace = namespace;
        this.repository = repository;
    }

    static WebhookScope of(Repo repo) {
        return new WebhookScope(repo.id, null, repo.namespace.name, repo.name);
    }

    static WebhookScope of(Organization org) {
        return new WebhookScope(null, org.id, org.name(), null);
    }

    /** The scope a stored webhook belongs to (read in a transaction). */
    static WebhookScope of(Webhook webhook) {
        return webhook.repositoryId != null ? of((Repo) Repo.findById(webhook.repositoryId))
                : of((Organization) Organization.findById(webhook.organizationId));
    }

    public Long repositoryId() {
        return repositoryId;
    }

    public Long organizationId() {
        return organizationId;
    }

    public boolean isOrganization() {
        return organizationId != null;
    }

    public String namespace() {
        return namespace;
    }

    /** The repository's name, or null for an organization. */
    public String repository() {
        return repository;
    }

    /** The organization's name for an organization's webhooks, else null (as events name it). */
    public String organizationName() {
        return isOrganization() ? namespace : null;
    }

    /** namespace/name for a repository's webhooks, else null (as events name it). */
    public String repositoryName() {
        return isOrganization() ? null : namespace + "/" + repository;
    }

    /** "acme/app" or "the organization acme", for pages and mails. */
    public String label() {
        return isOrganization() ? "the organization " + namespace : namespace + "/" + repository;
    }

    /** The page the webhooks list leads back to: the repository's settings, or the organization's page. */
    public String backPath() {
        return isOrganization() ? "/orgs/" + namespace : "/r/" + namespace + "/" + repository + "/settings";
    }

    public String webhooksPath() {
        return isOrganization() ? "/orgs/" + namespace + "/settings/webhooks" : backPath() + "/webhooks";
    }

    public String webhookPath(long id) {
        return webhooksPath() + "/" + id;
    }
}
