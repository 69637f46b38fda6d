package dev.hoist.account.api;

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
 * Docker Hub's two paths for personal access tokens, {@code /v2/api_tokens[/{uuid}]} (hub-tool's)
 * and {@code /v2/access-tokens[/{uuid}]} (the Terraform provider's), both served by {@link PersonalTokens}.
 */
@Path("/v2/{tokens: api_tokens|access-tokens}")
@Produces(MediaType.APPLICATION_JSON)
public class TokenRoutes {

    @Inject
    PersonalTokens tokens;

    @POST
    public Response create(String body) {
        return tokens.create(body);
    }

    @GET
    public ApiPage<TokenJson> list(@QueryParam("page") String page, @QueryParam("page_size") String size, UriInfo uri) {
        return tokens.list(page, size, uri);
    }

    @GET
    @Path("{uuid}")
    public TokenJson get(@PathParam("uuid") String uuid) {
        return tokens.get(uuid);
    }

    @PATCH
    @Path("{uuid}")
    public TokenJson update(@PathParam("uuid") String uuid, String body) {
        return tokens.update(uuid, body);
    }

    @DELETE
    @Path("{uuid}")
    public Response delete(@PathParam("uuid") String uuid) {
        return tokens.delete(uuid);
    }
}
