package dev.hoist.repo.pages;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /orgs/{org}/settings/retention}: the policy of an organization's repositories, for its owners. */
@Path("/orgs/{org}/settings/retention")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class OrgRetention {

    @Inject
    RetentionSettings settings;

    @PathParam("org")
    String org;

    @GET
    public TemplateInstance page() {
        return settings.orgPage(org);
    }

    @POST
    public Response save(@BeanParam RetentionFields fields) {
        return settings.saveOrg(org, fields);
    }
}
