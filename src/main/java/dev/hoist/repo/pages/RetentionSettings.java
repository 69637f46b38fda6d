package dev.hoist.repo.pages;

import dev.hoist.access.Access;
import dev.hoist.auth.CurrentUser;
import dev.hoist.auth.SignInRequired;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.RetentionRules;
import dev.hoist.registry.Retention;
import dev.hoist.registry.RetentionPlans;
import dev.hoist.registry.RetentionPolicies;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Retention policies, for {@link RepoRetention} (a repository's Admins) and {@link OrgRetention}
 * (an organization's owners; its repositories without a policy of their own follow it). Every page shows the dry run of the rules shown; a policy is
 * switched on only by saving rules whose dry run the Admin has just seen.
 */
@jakarta.enterprise.context.RequestScoped
public class RetentionSettings {

    /** The largest number of an organization's repositories a dry run lists. */
    static final int ORG_PREVIEW_REPOS = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(RetentionView view, FieldErrors errors);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    RetentionPolicies policies;

    @Inject
    RetentionPlans plans;

    @Inject
    Retention retention;

    public TemplateInstance repoPage(String namespace, String name) {
        Repo repo = adminRepo(namespace, name);
        RetentionPolicies.Effective effective = policies.effective(repo);
        return Templates.page(repoView(repo, RetentionView.Form.of(effective.rules()), effective.inherited(), false),
                new FieldErrors());
    }

    public Response saveRepo(String namespace, String name, RetentionFields fields) {
        Repo repo = adminRepo(namespace, name);
        RetentionView.Form form = fields.form();
        String reviewed = fields.reviewed;
        String action = fields.action;
        try {
            RetentionRules rules = form.rules();
            if (!"save".equals(action) || rules.enabled() && !form.fingerprint().equals(reviewed)) {
                return Response.ok(Templates.page(repoView(repo, form, false, true), new FieldErrors())).build();
            }
            policies.saveForRepository(repo, rules, me().username());
            return Redirects.to(repo.path() + "/settings/retention", rules.enabled() ? "The retention policy is on."
                    : "The retention policy is saved and off.");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.page(repoView(repo, form, false, false), e.errors())).build();
        }
    }

    public Response runRepo(String namespace, String name) {
        Repo repo = adminRepo(namespace, name);
        Retention.Outcome outcome = retention.run(repo, me().username());
        return Redirects.to(repo.path() + "/settings/retention", outcome.skipped()
                ? "Retention is running on this repository already; try again in a minute."
                : "Retention deleted " + outcome.tags() + " tags and " + outcome.manifests() + " untagged images.");
    }

    public TemplateInstance orgPage(String orgName) {
        Organization org = ownedOrg(orgName);
        return Templates.page(orgView(org, RetentionView.Form.of(policies.ofNamespace(org.namespace.id)
                .orElse(RetentionRules.NONE)), false), new FieldErrors());
    }

    public Response saveOrg(String orgName, RetentionFields fields) {
        Organization org = ownedOrg(orgName);
        RetentionView.Form form = fields.form();
        String reviewed = fields.reviewed;
        String action = fields.action;
        try {
            RetentionRules rules = form.rules();
            if (!"save".equals(action) || rules.enabled() && !form.fingerprint().equals(reviewed)) {
                return Response.ok(Templates.page(orgView(org, form, true), new FieldErrors())).build();
            }
            policies.saveForNamespace(org.namespace, rules, me().username());
            return Redirects.to("/orgs/" + org.name() + "/settings/retention", rules.enabled()
                    ? "The organization's retention policy is on." : "The organization's retention policy is saved and off.");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.page(orgView(org, form, false), e.errors())).build();
        }
    }

    private RetentionView repoView(Repo repo, RetentionView.Form form, boolean inherited, boolean reviewing) {
        List<RetentionView.RepoPlan> dryRun = dryRun(List.of(repo), form);
        return new RetentionView(repo.fullName(), repo.path() + "/settings/retention", repo.path() + "/settings",
                form, inherited, false, dryRun, reviewing, retention.lastRun(repo.id).orElse(null));
    }

    private RetentionView orgView(Organization org, RetentionView.Form form, boolean reviewing) {
        List<Repo> repos = Repo.find("namespace = ?1 order by name", org.namespace).page(0, ORG_PREVIEW_REPOS).list();
        List<Repo> following = repos.stream().filter(r -> policies.ofRepository(r.id).isEmpty()).toList();
        return new RetentionView(org.name(), "/orgs/" + org.name() + "/settings/retention", "/orgs/" + org.name(),
                form, false, true, dryRun(following, form), reviewing, null);
    }

    /** The dry run of the form's rules (none while they do not parse). */
    private List<RetentionView.RepoPlan> dryRun(List<Repo> repos, RetentionView.Form form) {
        RetentionRules rules;
        try {
            rules = form.rules();
        } catch (InvalidInputException e) {
            return List.of();
        }
        return repos.stream().map(r -> new RetentionView.RepoPlan(r.fullName(), plans.plan(r, rules))).toList();
    }

    private Account me() {
        return currentUser.require();
    }

    private Repo adminRepo(String namespace, String name) {
        Account me = currentUser.account().orElse(null);
        access.readable(me, namespace, name);
        if (me == null) {
            throw new SignInRequired();
        }
        return access.require(me, namespace, name, AccessMode.ADMIN);
    }

    /** Verified owners only (the rule of every owner's action); anyone else finds nothing here, as for a missing organization. */
    private Organization ownedOrg(String name) {
        Account me = currentUser.account().orElseThrow(SignInRequired::new);
        return Organization.findByName(name).filter(o -> access.canManage(me, o)).orElseThrow(NotFound::new);
    }
}
