package dev.hoist.registry.api;

import dev.hoist.registry.CatalogNames;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.PageSize;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryCaller;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RegistryText;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code /v2/_catalog}: the repositories the caller may read, in name order, paged with {@code n} and {@code last}. */
@Path("/v2/_catalog")
@Produces(MediaType.APPLICATION_JSON)
public class Catalog {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    /** Longer than any namespace/name; a {@code last} past it names no repository. */
    private static final int MAX_NAME = 256;

    @Inject
    RegistryCaller caller;

    @Inject
    CatalogNames catalog;

    @GET
    public Response list(@QueryParam("n") String n, @QueryParam("last") String last, UriInfo uri) {
        if (!caller.grantedCatalog()) {
            throw RegistryException.unauthorized("registry:catalog:*");
        }
        int limit = PageSize.of(n, DEFAULT_PAGE, MAX_PAGE);
        if (last != null && !RegistryText.printable(last, MAX_NAME)) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "last must be a repository name, not "
                    + RegistryText.shown(last));
        }
        List<String> names = catalog.after(caller.account().orElse(null), last == null ? "" : last, limit);
        boolean more = names.size() > limit;
        if (more) {
            names = names.subList(0, limit);
        }
        // What the caller may read is the caller's own: no shared cache keeps it.
        Response.ResponseBuilder response = Response.ok(Map.of("repositories", names))
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Cache-Control", "private, no-cache");
        if (more && !names.isEmpty()) {
            response.header("Link", "</v2/_catalog?n=" + limit + "&last="
                    + URLEncoder.encode(names.get(names.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
        return response.build();
    }
}
