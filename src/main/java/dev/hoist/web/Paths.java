package dev.hoist.web;

import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Team;
import dev.hoist.webhook.WebhookScope;
import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The addresses of Hoist's pages and forms, in one place: templates call them as
 * {@code {paths:repoSettings(repo, 'visibility')}}, pages as {@code Paths.repoSettings(repo, "visibility")},
 * so an address changes here and nowhere else. Names are [a-z0-9] (see NamespaceNames and
 * RepoNames) and need no escaping in a path; the one free-form value, a return address, is encoded.
 */
@TemplateExtension(namespace = "paths")
public final class Paths {

    private Paths() {
    }

    /** A user's or an organization's public profile. */
    public static String profile(String username) {
        return "/u/" + username;
    }

    /** The sign-in page, coming back to {@code next} afterwards. */
    public static String signInThen(String next) {
        return "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    /** The create-repository form with {@code namespace} chosen. */
    public static String createRepository(String namespace) {
        return "/repository/create?namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
    }

    public static String repoSettings(Repo repo) {
        return "/r/" + repo.fullName() + "/settings";
    }

    /** A form of a repository's settings: description, visibility, collaborators, teams, delete … */
    public static String repoSettings(Repo repo, String form) {
        return repoSettings(repo) + "/" + form;
    }

    /** Where the star button posts: to star, or to take the star back. */
    public static String star(Repo repo, boolean starred) {
        return "/r/" + repo.fullName() + (starred ? "/unstar" : "/star");
    }

    /** An organization's page when only its name is at hand (a profile that is an organization's). */
    public static String orgNamed(String name) {
        return "/orgs/" + name;
    }

    /** A page or form of an organization known by name: members, teams … */
    public static String orgNamed(String name, String page) {
        return orgNamed(name) + "/" + page;
    }

    public static String org(Organization org) {
        return org.path();
    }

    /** A page or form of an organization: members, teams, privacy, verified-publisher … */
    public static String org(Organization org, String page) {
        return org.path() + "/" + page;
    }

    public static String team(Team team) {
        return team.path();
    }

    /** A form of a team: members, members/remove, permissions, permissions/remove, edit, delete. */
    public static String team(Team team, String form) {
        return team.path() + "/" + form;
    }

    /** Ends one of the signed-in account's sessions. */
    public static String endSession(long id) {
        return "/settings/sessions/" + id + "/end";
    }

    /** A repository's or an organization's webhooks (the list and the form for a new one). */
    public static String webhooks(WebhookScope scope) {
        return scope.webhooksPath();
    }

    /** One webhook's page: its form and its delivery log. */
    public static String webhook(WebhookScope scope, long id) {
        return scope.webhookPath(id);
    }

    /** A form of one webhook: delete, test, deliveries/{id}/redeliver. */
    public static String webhook(WebhookScope scope, long id, String form) {
        return scope.webhookPath(id) + "/" + form;
    }

    /** Queues one delivery of a webhook again. */
    public static String redeliver(WebhookScope scope, long id, long delivery) {
        return scope.webhookPath(id) + "/deliveries/" + delivery + "/redeliver";
    }
}
