package dev.hoist.registry.api;

import dev.hoist.access.Caller;
import dev.hoist.auth.Credentials;
import dev.hoist.registry.TokenIssuer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code GET /token}: Docker's token endpoint, with Basic credentials or none. The OAuth2 form
 * variant is {@link OAuthTokenRoute}.
 */
@Path("/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenEndpoint {

    @Inject
    Credentials credentials;

    @Inject
    TokenIssuer issuer;

    @GET
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("service") String service,
            @QueryParam("scope") List<String> scopes, HttpServerRequest http, UriInfo uri) {
        return grant(credentials.fromBasic(authorization, http.remoteAddress().hostAddress()), scopes);
    }

    private Response grant(Caller caller, List<String> scopes) {
        return Response.ok(issuer.issue(caller, scopes)).header("Cache-Control", "no-store").build();
    }
}
