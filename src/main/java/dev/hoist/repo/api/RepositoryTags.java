package dev.hoist.repo.api;

import dev.hoist.api.ApiPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /v2/repositories/{ns}/{name}/tags/…}: list ({@code page}, {@code page_size}, {@code ordering}), read, delete. */
@Path("/v2/repositories/{namespace}/{name}/tags")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryTags {

    @Inject
    RepoEndpoints endpoints;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @GET
    public ApiPage<TagJson> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            @QueryParam("ordering") String ordering, UriInfo uri) {
        return endpoints.tags(namespace, name, page, pageSize, ordering, uri);
    }

    @GET
    @Path("{tag}")
    public TagJson get(@PathParam("tag") String tag) {
        return endpoints.tag(namespace, name, tag);
    }

    @DELETE
    @Path("{tag}")
    public Response delete(@PathParam("tag") String tag) {
        return endpoints.deleteTag(namespace, name, tag);
    }
}
