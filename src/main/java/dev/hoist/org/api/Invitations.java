package dev.hoist.org.api;

import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /v2/invites/…}: Docker Hub's invitations, which Hoist does not have yet. Sending one
 * answers 501 with what to do instead (never a pretended success); an invitation is never found.
 * The Terraform provider, failing to delete an invitation, removes the member instead
 * (resource_org_member.go, Delete), which Hoist does.
 */
@Path("/v2/invites")
@Produces(MediaType.APPLICATION_JSON)
public class Invitations {

    @Inject
    ApiCallers callers;

    /** {@code {org, team, invitees, role, dry_run}}: 501 for every caller who signed in. */
    @POST
    @Path("bulk")
    public void bulk(String ignored) {
        callers.signedIn();
        throw Organizations.noInvitations();
    }

    @GET
    @Path("{id}")
    public void get(@PathParam("id") String id) {
        callers.caller();
        throw noSuchInvitation();
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id) {
        callers.signedIn();
        throw noSuchInvitation();
    }

    private static ApiException noSuchInvitation() {
        return new ApiException(404, "Not found. Hoist has no invitations yet.");
    }
}
