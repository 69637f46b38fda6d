package dev.hoist.repo.pages;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /r/{namespace}/{name}/settings/retention}: the repository's retention policy, for its Admins. */
@Path("/r/{namespace}/{name}/settings/retention")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class RepoRetention {

    @Inject
    RetentionSettings settings;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @GET
    public TemplateInstance page() {
        return settings.repoPage(namespace, name);
    }

    @POST
    public Response save(@BeanParam RetentionFields fields) {
        return settings.saveRepo(namespace, name, fields);
    }

    @POST
    @Path("run")
    public Response run() {
        return settings.runRepo(namespace, name);
    }
}
