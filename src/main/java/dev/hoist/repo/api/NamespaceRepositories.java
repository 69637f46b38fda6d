package dev.hoist.repo.api;

import dev.hoist.api.ApiPage;
import jakarta.inject.Inject;
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
 * {@code /v2/namespaces/{ns}/repositories[/{name}[/tags[/{tag}]]]}: Docker Hub's current spelling,
 * and where the Terraform provider creates repositories.
 */
@Path("/v2/namespaces/{namespace}/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class NamespaceRepositories {

    @Inject
    RepoEndpoints endpoints;

    @PathParam("namespace")
    String namespace;

    @GET
    public ApiPage<RepoJson> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            @QueryParam("ordering") String ordering, UriInfo uri) {
        return endpoints.list(namespace, page, pageSize, ordering, uri);
    }

    @POST
    public Response create(String body) {
        return endpoints.create(namespace, body);
    }

    @GET
    @Path("{name}")
    public RepoJson get(@PathParam("name") String name) {
        return endpoints.get(namespace, name);
    }

    /** Docker Hub's own path for {@code {immutable_tags, immutable_tags_rules}}; answers the repository. */
    @PATCH
    @Path("{name}/immutabletags")
    public RepoJson immutableTags(@PathParam("name") String name, String body) {
        return endpoints.update(namespace, name, body);
    }

    @GET
    @Path("{name}/tags")
    public ApiPage<TagJson> tags(@PathParam("name") String name, @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize, @QueryParam("ordering") String ordering, UriInfo uri) {
        return endpoints.tags(namespace, name, page, pageSize, ordering, uri);
    }

    @GET
    @Path("{name}/tags/{tag}")
    public TagJson tag(@PathParam("name") String name, @PathParam("tag") String tag) {
        return endpoints.tag(namespace, name, tag);
    }
}
