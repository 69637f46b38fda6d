package dev.hoist.repo.api;

import dev.hoist.api.ApiPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /v2/repositories/{ns}/…}: the paths hub-tool and the Terraform provider call (with or
 * without the trailing slash): list, read, describe ({@code PATCH}, the README-from-CI call),
 * change visibility, delete.
 */
@Path("/v2/repositories/{namespace}")
@Produces(MediaType.APPLICATION_JSON)
public class Repositories {

    @Inject
    RepoEndpoints endpoints;

    @PathParam("namespace")
    String namespace;

    @GET
    public ApiPage<RepoJson> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            @QueryParam("ordering") String ordering, UriInfo uri) {
        return endpoints.list(namespace, page, pageSize, ordering, uri);
    }

    @GET
    @Path("{name}")
    public RepoJson get(@PathParam("name") String name) {
        return endpoints.get(namespace, name);
    }

    @PATCH
    @Path("{name}")
    public RepoJson update(@PathParam("name") String name, String body) {
        return endpoints.update(namespace, name, body);
    }

    @POST
    @Path("{name}/privacy")
    public RepoJson privacy(@PathParam("name") String name, String body) {
        return endpoints.privacy(namespace, name, body);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        return endpoints.delete(namespace, name);
    }
}
