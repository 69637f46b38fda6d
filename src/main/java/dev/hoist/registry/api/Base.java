package dev.hoist.registry.api;

import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryCaller;
import dev.hoist.registry.RegistryException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** {@code GET /v2/}: the version check clients make first, and the login check of {@code docker login}. */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class Base {

    @Inject
    RegistryCaller caller;

    @GET
    @Path("/")
    public Response check(UriInfo uri) {
        if (!caller.hasToken()) {
            throw RegistryException.unauthorized(null);
        }
        return Response.ok(Map.of()).header(Registry.API_VERSION_HEADER, Registry.API_VERSION).build();
    }

    /** Anything else under /v2 is not an endpoint of the API: answer in its error format, not with a page. */
    @GET
    @Path("{path: .+}")
    public Response unknownGet() {
        throw unknown();
    }

    @HEAD
    @Path("{path: .+}")
    public Response unknownHead() {
        throw unknown();
    }

    @POST
    @Path("{path: .+}")
    public Response unknownPost() {
        throw unknown();
    }

    @PUT
    @Path("{path: .+}")
    public Response unknownPut() {
        throw unknown();
    }

    @PATCH
    @Path("{path: .+}")
    public Response unknownPatch() {
        throw unknown();
    }

    @DELETE
    @Path("{path: .+}")
    public Response unknownDelete() {
        throw unknown();
    }

    private static RegistryException unknown() {
        return new RegistryException(ErrorCode.NAME_UNKNOWN, "no such registry endpoint");
    }
}
