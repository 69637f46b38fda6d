package dev.hoist.repo.api;

import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.api.ApiBody;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiException;
import dev.hoist.api.ApiPage;
import dev.hoist.model.AccessMode;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Forbidden;
import dev.hoist.model.ImmutableTags;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Namespace;
import dev.hoist.model.NotFound;
import dev.hoist.model.Repo;
import dev.hoist.model.TagPatterns;
import dev.hoist.registry.Deletions;
import dev.hoist.registry.TagDetails;
import dev.hoist.registry.TagProtection;
import dev.hoist.repo.RepoLists;
import dev.hoist.repo.RepoService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * What the repository paths of the API do, shared by Docker Hub's two spellings of them
 * ({@code /v2/repositories/{ns}/{name}/…} and {@code /v2/namespaces/{ns}/repositories/{name}/…}).
 * Every repository is reached through {@link Access#require(Caller, String, String, AccessMode)}:
 * what the caller may not read answers 404 exactly as what does not exist.
 */
@ApplicationScoped
public class RepoEndpoints {

    @Inject
    ApiCallers callers;

    @Inject
    Access access;

    @Inject
    RepoLists lists;

    @Inject
    RepoService repos;

    @Inject
    TagDetails tags;

    @Inject
    Deletions deletions;

    @Inject
    TagProtection protection;

    /** {@code ordering}: {@link RepoLists.Order#of}; another value is a field error. */
    public ApiPage<RepoJson> list(String namespace, String page, String pageSize, String ordering, UriInfo uri) {
        Caller caller = callers.caller();
        RepoLists.Order order = RepoLists.Order.of(ordering).orElseThrow(() -> InvalidInputException.of("ordering",
                "Give last_updated, -last_updated, name, -name, pull_count or -pull_count."));
        Namespace ns = Namespace.findActive(namespace).orElseThrow(NotFound::new);
        int asked = ApiPage.number(page);
        return ApiPage.of(lists.inNamespace(caller.account(), ns, asked, ApiPage.size(pageSize), order), asked, uri,
                RepoJson::listed);
    }

    public RepoJson get(String namespace, String name) {
        Caller caller = callers.caller();
        Repo repo = access.require(caller, namespace, name, AccessMode.READ);
        return RepoJson.full(repo, access.permission(caller, repo), protection.of(repo.id));
    }

    /** {@code {name, description, full_description, registry, is_private}}: 201 with the repository. */
    public Response create(String namespace, String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        String name = body.required("name", 255);
        String description = body.text("description", RepoService.SHORT_DESCRIPTION_MAX, false).orElse("");
        String readme = body.text("full_description", RepoService.README_MAX, true).orElse("");
        body.text("registry", 255, false);
        boolean makePrivate = body.bool("is_private").orElse(false);
        body.check();
        Namespace ns = Namespace.findActive(namespace).orElseThrow(NotFound::new);
        if (!access.canCreateIn(caller, ns)) {
            throw new Forbidden();
        }
        if (Repo.byName(ns.name, name).isPresent()) {
            throw ApiException.conflict("A repository " + ns.name + "/" + name + " already exists.");
        }
        Repo repo = renamed(() -> repos.create(caller.account(), ns.name, name, description, makePrivate, readme));
        return Response.status(201).entity(RepoJson.full(repo, access.permission(caller, repo))).build();
    }

    /**
     * {@code {description, full_description, immutable_tags, immutable_tags_rules}}: the
     * README-from-CI call and Docker Hub's immutable tags; a field left out stays as it is.
     */
    public RepoJson update(String namespace, String name, String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        var description = body.text("description", RepoService.SHORT_DESCRIPTION_MAX, false);
        var readme = body.text("full_description", RepoService.README_MAX, true);
        var immutable = body.bool("immutable_tags");
        var rules = body.texts("immutable_tags_rules", TagPatterns.MAX_PATTERNS, TagPatterns.MAX_LENGTH);
        body.check();
        TagPatterns patterns = rules.map(r -> TagPatterns.parse("immutable_tags_rules", r)).orElse(null);
        Repo repo = access.require(caller, namespace, name, AccessMode.ADMIN);
        Repo saved = description.isEmpty() && readme.isEmpty() ? repo
                : renamed(() -> repos.describe(caller.account(), repo, description.orElse(repo.shortDescription),
                        readme.orElse(repo.readme)));
        if (immutable.isPresent() || patterns != null) {
            ImmutableTags now = protection.of(repo.id);
            protection.change(repo, immutable.orElse(now.enabled()), patterns != null ? patterns : now.patterns(),
                    caller.account().username());
        }
        return RepoJson.full(saved, access.permission(caller, saved), protection.of(repo.id));
    }

    public RepoJson privacy(String namespace, String name, String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        var makePrivate = body.bool("is_private");
        if (makePrivate.isEmpty() && !body.has("is_private")) {
            body.error("is_private", "This field is required.");
        }
        body.check();
        Repo repo = access.require(caller, namespace, name, AccessMode.ADMIN);
        Repo saved = repos.setVisibility(caller.account(), repo, makePrivate.get());
        return RepoJson.full(saved, access.permission(caller, saved));
    }

    /** 202, as Docker Hub answers it. */
    public Response delete(String namespace, String name) {
        Caller caller = callers.signedIn();
        Repo repo = access.require(caller, namespace, name, AccessMode.ADMIN);
        repos.delete(caller.account(), repo, repo.fullName());
        return Response.accepted().build();
    }

    public ApiPage<TagJson> tags(String namespace, String name, String page, String pageSize, String ordering, UriInfo uri) {
        Repo repo = access.require(callers.caller(), namespace, name, AccessMode.READ);
        int asked = ApiPage.number(page);
        return ApiPage.of(tags.page(repo.id, asked, ApiPage.size(pageSize), TagDetails.Order.of(ordering)), asked, uri,
                t -> TagJson.of(repo, t));
    }

    public TagJson tag(String namespace, String name, String tag) {
        Repo repo = access.require(callers.caller(), namespace, name, AccessMode.READ);
        return tags.find(repo.id, tag).map(t -> TagJson.of(repo, t)).orElseThrow(NotFound::new);
    }

    /** Deleting a tag is the registry's delete: Admin, capped by the token. 204, as Docker Hub answers it. */
    public Response deleteTag(String namespace, String name, String tag) {
        Caller caller = callers.signedIn();
        Repo repo = access.require(caller, namespace, name, AccessMode.ADMIN);
        if (!deletions.deleteTag(repo, tag, caller.account().username())) {
            throw new NotFound();
        }
        return Response.noContent().build();
    }

    /** The service names the README {@code readme}; the API calls it {@code full_description}. */
    private static Repo renamed(java.util.function.Supplier<Repo> action) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            FieldErrors renamed = new FieldErrors();
            e.errors().all().forEach((field, message) -> renamed.add(Map.of("readme", "full_description")
                    .getOrDefault(field, field), message));
            throw new InvalidInputException(renamed);
        }
    }
}
