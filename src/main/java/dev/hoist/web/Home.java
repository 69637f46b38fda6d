package dev.hoist.web;

import dev.hoist.model.Repo;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The home page, and the friendly 404 for every address no other page claims. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Home {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Repo> official, List<Repo> popular, List<Repo> recent);
    }

    @GET
    public TemplateInstance index() {
        // Public repositories only: the lists are the same for everyone, so no permission question arises.
        // Each order has its index (V4__search.sql), so the lists cost the same at a million repositories.
        String live = "isPrivate = false and namespace.deletedAt is null";
        List<Repo> official = Repo.find(live + " and namespace.name = 'library' order by starCount desc, pullCount desc, id")
                .page(0, 6).list();
        List<Repo> popular = Repo.find(live + " order by starCount desc, pullCount desc, id").page(0, 6).list();
        List<Repo> recent = Repo.find(live + " order by coalesce(lastPushedAt, updatedAt) desc, id").page(0, 6).list();
        return Templates.index(official, popular, recent);
    }

    /** Any other GET: static files under /static and Quarkus' /q endpoints are served before this. */
    @GET
    @Path("{path: (?!static/|q/).+}")
    public Response unknown(@PathParam("path") String path) {
        return ErrorPages.notFound();
    }
}
