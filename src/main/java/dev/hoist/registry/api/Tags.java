package dev.hoist.registry.api;

import dev.hoist.model.Repo;
import dev.hoist.registry.Digests;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Grant;
import dev.hoist.registry.ManifestRecords;
import dev.hoist.registry.ManifestReference;
import dev.hoist.registry.PageSize;
import dev.hoist.registry.ParsedManifest;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryAccess;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RegistryText;
import dev.hoist.registry.TagRecords;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2/<ns>/<name>/tags/list} with {@code n} and {@code last}, and the referrers API. */
@Path("/v2/{namespace}/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class Tags {

    /** The most a page with {@code n} holds, however large the n asked; clients follow the Link for more. */
    private static final int MAX_PAGE = 1000;

    /**
     * Without {@code n}, the whole list (issue 16 §6: Renovate and others read tags only this way)
     * up to this many, with a Link past it, so that no request reads an unbounded table.
     */
    static final int WHOLE_LIST = 100_000;

    @Inject
    RegistryAccess gate;

    @Inject
    TagRecords tags;

    @Inject
    ManifestRecords manifestRecords;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @GET
    @Path("tags/list")
    public Response list(@QueryParam("n") String n, @QueryParam("last") String last, UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL);
        int limit = PageSize.of(n, WHOLE_LIST, MAX_PAGE);
        if (last != null && !last.isEmpty() && !ManifestReference.isTag(last)) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "last must be a tag, not " + RegistryText.shown(last));
        }
        List<String> names = limit == 0 ? List.of() : tags.names(repo.id, last, limit + 1);
        boolean more = names.size() > limit;
        List<String> page = more ? names.subList(0, limit) : names;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", repo.fullName());
        body.put("tags", page);
        Response.ResponseBuilder response = Response.ok(body).header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Cache-Control", CacheControl.revalidate(gate.isPublic(repo)));
        if (more) {
            String next = "/v2/" + repo.fullName() + "/tags/list?n=" + limit + "&last="
                    + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8);
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** OCI 1.1: the manifests whose subject is {@code digest}, as an image index, optionally of one artifact type. */
    @GET
    @Path("referrers/{digest}")
    @Produces(ParsedManifest.OCI_INDEX)
    public Response referrers(@PathParam("digest") String digestParam, @QueryParam("artifactType") String artifactType,
            UriInfo uri) {
        Repo repo = gate.require(namespace, name, Grant.PULL);
        String digest = Digests.parse(digestParam).toString();
        List<Map<String, Object>> manifests = manifestRecords.referrers(repo.id, digest, artifactType).stream().map(r -> {
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("mediaType", r.mediaType());
            descriptor.put("digest", r.digest());
            descriptor.put("size", r.size());
            if (r.artifactType() != null) {
                descriptor.put("artifactType", r.artifactType());
            }
            if (!r.annotations().isEmpty()) {
                descriptor.put("annotations", r.annotations());
            }
            return descriptor;
        }).toList();
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", ParsedManifest.OCI_INDEX);
        index.put("manifests", manifests);
        Response.ResponseBuilder response = Response.ok(index).type(ParsedManifest.OCI_INDEX)
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .header("Cache-Control", CacheControl.revalidate(gate.isPublic(repo)));
        if (artifactType != null) {
            response.header("OCI-Filters-Applied", "artifactType");
        }
        return response.build();
    }
}
