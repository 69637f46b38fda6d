package dev.hoist.repo.pages;

import dev.hoist.access.Access;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Repo;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.repo.RepoService;
import dev.hoist.web.QuotaResponses;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/** {@code /repository/create}: a new repository in the user's namespace or one of their organizations. */
@Path("/repository/create")
@Produces(MediaType.TEXT_HTML)
public class CreateRepo {

    /** What the user typed, shown again when the form is refused. */
    public record Draft(String namespace, String name, String description, boolean isPrivate, String readme) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance create(List<String> namespaces, Draft draft, FieldErrors errors, boolean verified);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    RepoService repos;

    @GET
    public TemplateInstance form(@QueryParam("namespace") String namespace) {
        Account me = currentUser.require();
        String chosen = namespace == null ? me.username() : namespace;
        return Templates.create(namespaces(me), new Draft(chosen, "", "", false, ""), new FieldErrors(), me.emailVerified);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("namespace") String namespace, @FormParam("name") String name,
            @FormParam("description") String description, @FormParam("visibility") String visibility,
            @FormParam("readme") String readme) {
        Account me = currentUser.require();
        boolean makePrivate = "private".equals(visibility);
        try {
            Repo repo = repos.create(me, namespace, name, description, makePrivate, readme);
            return Redirects.to(repo.path(), "Created " + repo.fullName() + ".");
        } catch (InvalidInputException e) {
            return refused(me, new Draft(namespace, name, description, makePrivate, readme), e.errors(), 400);
        } catch (QuotaExceededException e) {
            String field = e.quota() == QuotaExceededException.Quota.PRIVATE_REPOSITORIES ? "visibility" : "name";
            return QuotaResponses.refused(Templates.create(namespaces(me), new Draft(namespace, name, description, makePrivate,
                    readme), new FieldErrors().add(field, e.getMessage()), me.emailVerified), e);
        }
    }

    private Response refused(Account me, Draft draft, FieldErrors errors, int status) {
        return Response.status(status).entity(Templates.create(namespaces(me), draft, errors, me.emailVerified)).build();
    }

    /** The user's own namespace first, then the organizations they may create repositories in. */
    private List<String> namespaces(Account me) {
        List<String> names = new ArrayList<>();
        names.add(me.username());
        names.addAll(access.organizationsToCreateIn(me));
        return names;
    }
}
