package dev.hoist.repo;

import dev.hoist.access.Access;
import dev.hoist.access.AccessMode;
import dev.hoist.account.Account;
import dev.hoist.namespace.Namespace;
import dev.hoist.org.Organization;
import dev.hoist.web.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /u/{name}}: a user's or organization's public profile, with what the viewer may see. */
@Path("/u/{name}")
@Produces(MediaType.TEXT_HTML)
public class Profiles {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance profile(Namespace namespace, Organization org, List<Repo> repos, List<Repo> starred,
                boolean canCreate);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @GET
    public TemplateInstance profile(@PathParam("name") String name) {
        Namespace namespace = Namespace.findActive(name).orElseThrow(NotFoundException::new);
        Account me = currentUser.account().orElse(null);
        List<Repo> repos = visible(me, Repo.ofNamespace(namespace));
        List<Repo> starred = namespace.isOrganization() ? List.of()
                : Account.findByUsername(name).map(owner -> visible(me, Star.starredBy(owner))).orElse(List.of());
        Organization org = namespace.isOrganization() ? Organization.findByNamespace(namespace).orElse(null) : null;
        return Templates.profile(namespace, org, repos, starred, access.canCreateIn(me, namespace));
    }

    private List<Repo> visible(Account me, List<Repo> repos) {
        return repos.stream().filter(r -> access.permission(me, r).atLeast(AccessMode.READ)).toList();
    }
}
