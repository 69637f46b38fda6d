package dev.hoist.org.api;

import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiPage;
import dev.hoist.org.MemberOrganizations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /v2/user/orgs/}: the organizations the caller belongs to. */
@Path("/v2/user/orgs")
@Produces(MediaType.APPLICATION_JSON)
public class UserOrganizations {

    @Inject
    ApiCallers callers;

    @Inject
    MemberOrganizations organizations;

    @GET
    public ApiPage<OrgJson.Org> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize, UriInfo uri) {
        int asked = ApiPage.number(page);
        return ApiPage.of(organizations.of(callers.account(), asked, ApiPage.size(pageSize)), asked, uri, OrgJson.Org::of);
    }
}
