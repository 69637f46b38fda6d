package dev.hoist.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The home page, and the friendly 404 for every address no other page claims. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Home {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance index();
    }

    @GET
    public TemplateInstance index() {
        return Templates.index();
    }

    /** Any other GET: static files under /static and Quarkus' /q endpoints are served before this. */
    @GET
    @Path("{path: (?!static/|q/).+}")
    public Response unknown(@PathParam("path") String path) {
        return ErrorPages.notFound();
    }
}
