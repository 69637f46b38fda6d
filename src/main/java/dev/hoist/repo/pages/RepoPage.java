package dev.hoist.repo.pages;

import dev.hoist.access.Access;
import dev.hoist.auth.CurrentUser;
import dev.hoist.auth.SignInRequired;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.ImmutableTags;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Star;
import dev.hoist.platform.Listing;
import dev.hoist.registry.Deletions;
import dev.hoist.registry.TagProtection;
import dev.hoist.registry.TagRecords;
import dev.hoist.repo.Readmes;
import dev.hoist.repo.RepoService;
import dev.hoist.web.Paths;
import dev.hoist.web.Redirects;
import dev.hoist.web.RegistryHost;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /r/{namespace}/{name}} (and {@code /_/{name}} for official images): the repository page and its star button. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RepoPage {

    /** Everything the page shows about one repository for one viewer. */
    public record View(Repo repo, AccessMode mode, boolean starred, boolean signedIn, String readmeHtml,
            String registryHost, boolean verifiedPublisher, ImmutableTags immutable) {

        public boolean isImmutable(String tag) {
            return immutable.protects(tag);
        }

        /** The rule in words for the Tags tab, or empty when no tag is immutable. */
        public String immutabilityNote() {
            if (!immutable.enabled()) {
                return "";
            }
            return immutable.allTags() ? "All tags are immutable."
                    : "Tags matching " + String.join(", ", immutable.patterns().list()) + " are immutable.";
        }

        public String pullCommand() {
            String image = repo.isOfficial() ? repo.name : repo.fullName();
            return "docker pull " + registryHost + "/" + image;
        }

        public boolean canAdmin() {
            return mode.atLeast(AccessMode.ADMIN);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(View view, String tab, Listing<TagRecords.TagRow> tags);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    Readmes readmes;

    @Inject
    RepoService repos;

    @Inject
    RegistryHost registryHost;

    @Inject
    TagRecords tagRecords;

    @Inject
    Deletions deletions;

    @Inject
    TagProtection protection;

    @GET
    @Path("r/{namespace}/{name}")
    public TemplateInstance page(@PathParam("namespace") String namespace, @PathParam("name") String name, UriInfo uri) {
        return render(namespace, name, "overview", 1, uri);
    }

    @GET
    @Path("r/{namespace}/{name}/tags")
    public TemplateInstance tags(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("page") String page, UriInfo uri) {
        return render(namespace, name, "tags", Listing.pageNumber(page), uri);
    }

    @GET
    @Path("_/{name}")
    public TemplateInstance official(@PathParam("name") String name, UriInfo uri) {
        return render(Organization.LIBRARY, name, "overview", 1, uri);
    }

    @POST
    @Path("r/{namespace}/{name}/star")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response star(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return setStar(namespace, name, true);
    }

    @POST
    @Path("r/{namespace}/{name}/unstar")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unstar(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return setStar(namespace, name, false);
    }

    /**
     * Admins delete tags from the Tags tab: the checked ones ({@code tag}, repeated), or the one
     * whose own button was pressed ({@code one}). Each tag is its own deletion, so the message says
     * exactly which went and which stayed (immutable, or already gone). Images stay reachable by digest.
     */
    @POST
    @Path("r/{namespace}/{name}/tags/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteTags(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @FormParam("tag") List<String> checked, @FormParam("one") String one) {
        Account me = currentUser.account().orElse(null);
        access.readable(me, namespace, name);
        if (me == null) {
            throw new SignInRequired();
        }
        Repo repo = access.require(me, namespace, name, AccessMode.ADMIN);
        List<String> asked = one != null && !one.isEmpty() ? List.of(one)
                : checked == null ? List.of() : checked.stream().filter(t -> t != null && !t.isEmpty()).distinct().toList();
        if (asked.isEmpty()) {
            return Redirects.to(repo.tagsPath(), "Select the tags to delete.");
        }
        if (asked.size() > MAX_BULK) {
            return Redirects.to(repo.tagsPath(), "Delete at most " + MAX_BULK + " tags at once.");
        }
        return Redirects.to(repo.tagsPath(), BulkDeletion.run(asked, tag -> deletions.deleteTag(repo, tag, me.username())));
    }

    /** A form with more checked tags than this is refused whole (the Tags tab shows 25 a page). */
    static final int MAX_BULK = 200;

    private Response setStar(String namespace, String name, boolean starred) {
        Account me = currentUser.account().orElse(null);
        Repo repo = access.readable(me, namespace, name);
        if (me == null) {
            return Redirects.to(Paths.signInThen(repo.path())).build();
        }
        repos.star(me, repo, starred);
        return Redirects.to(repo.path()).build();
    }

    private TemplateInstance render(String namespace, String name, String tab, int page, UriInfo uri) {
        Account me = currentUser.account().orElse(null);
        Repo repo = access.readable(me, namespace, name);
        boolean verified = repo.namespace.isOrganization()
                && Organization.findByNamespace(repo.namespace).map(o -> o.verifiedPublisher && !o.isLibrary()).orElse(false);
        View view = new View(repo, access.permission(me, repo), Star.exists(me, repo), me != null,
                "overview".equals(tab) ? readmes.html(repo) : "", registryHost.of(uri), verified,
                "tags".equals(tab) ? protection.of(repo.id) : ImmutableTags.OFF);
        Listing<TagRecords.TagRow> tags = "tags".equals(tab) ? tagRecords.page(repo.id, page)
                : new Listing<>(List.of(), 1, TagRecords.PAGE_SIZE, 0);
        return Templates.page(view, tab, tags);
    }
}
