package dev.hoist.repo.pages;

import dev.hoist.access.Access;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.platform.Listing;
import dev.hoist.repo.RepoLists;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /u/{name}}: a user's or organization's public profile, with what the viewer may see. */
@Path("/u/{name}")
@Produces(MediaType.TEXT_HTML)
public class Profiles {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance profile(Namespace namespace, Organization org, Listing<Repo> repos,
                Listing<Repo> starred, boolean canCreate);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    RepoLists lists;

    @GET
    public TemplateInstance profile(@PathParam("name") String name, @QueryParam("page") String page,
            @QueryParam("starred") String starredPage) {
        Namespace namespace = Namespace.findActive(name).orElseThrow(NotFoundException::new);
        Account me = currentUser.account().orElse(null);
        Listing<Repo> repos = lists.inNamespace(me, namespace, Listing.pageNumber(page));
        Listing<Repo> starred = namespace.isOrganization() ? null
                : Account.findByUsername(name).map(owner -> lists.starredBy(me, owner, Listing.pageNumber(starredPage)))
                        .orElse(null);
        Organization org = namespace.isOrganization() ? Organization.findByNamespace(namespace).orElse(null) : null;
        return Templates.profile(namespace, org, repos, starred, access.canCreateIn(me, namespace));
    }
}
