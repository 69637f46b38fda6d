package dev.hoist.org.api;

import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.api.ApiBody;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiException;
import dev.hoist.api.ApiPage;
import dev.hoist.model.Account;
import dev.hoist.model.Forbidden;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Team;
import dev.hoist.org.OrgMembers;
import dev.hoist.org.OrgService;
import dev.hoist.platform.Listing;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/orgs/{org}[/members/[{user}/]|/invites]}: an organization and its members, as hub-tool
 * reads them and the Terraform provider manages them (docker/terraform-provider-docker,
 * internal/hubclient/client_organization.go). Its name and profile are public, as on its page;
 * its members only members see; changes are the owners' ({@link OrgService}). Teams are
 * {@link OrgTeams}.
 */
@Path("/v2/orgs/{org}")
@Produces(MediaType.APPLICATION_JSON)
public class Organizations {

    @Inject
    ApiCallers callers;

    @Inject
    Access access;

    @Inject
    OrgMembers members;

    @Inject
    OrgService orgs;

    @PathParam("org")
    String name;

    @GET
    public OrgJson.Org get() {
        callers.caller(); // wrong credentials are refused here too
        return OrgJson.Org.of(organization());
    }

    /**
     * Members by name, each with {@code role} and {@code groups} (the teams the caller may see).
     * {@code page_size} 1 to 100; without it pages of {@link OrgMembers#PAGE_SIZE}, as before.
     */
    @GET
    @Path("members")
    public ApiPage<OrgJson.OrgMember> members(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
            @Context UriInfo uri) {
        Account who = callers.account();
        Organization org = organization();
        if (!access.isMember(who, org)) {
            throw new Forbidden();
        }
        int asked = ApiPage.number(page);
        int size = pageSize == null ? OrgMembers.PAGE_SIZE : ApiPage.size(pageSize);
        Listing<Account> listing = members.page(org, asked, size);
        Map<String, String> teams = members.teamsOf(listing.items(), access.teamsVisibleTo(who, org));
        Map<String, String> owners = members.teamsOf(listing.items(), Team.findByName(org, Team.OWNERS).stream().toList());
        return ApiPage.of(listing, asked, uri, a -> OrgJson.OrgMember.of(a, owners.containsKey(a.username()),
                teams.getOrDefault(a.username(), "")));
    }

    /**
     * {@code {role}}: {@code owner} puts the user in the owners team; {@code member} takes a member
     * out of it (they stay in their other teams; one in no other team is refused, as is the last
     * owner). Hoist has no {@code editor} role.
     */
    @PUT
    @Path("members/{user}")
    public OrgJson.OrgMember setRole(@PathParam("user") String user, String raw) {
        Caller caller = callers.signedIn();
        ApiBody body = ApiBody.parse(raw);
        String role = body.required("role", 20);
        if (!role.isEmpty() && !role.equals("owner") && !role.equals("member")) {
            body.error("role", "Give owner or member (Hoist has no editor role).");
        }
        body.check();
        Organization org = organization();
        owner(caller, org);
        Team owners = Team.findByName(org, Team.OWNERS).orElseThrow(NotFound::new);
        Account account = Account.findByUsername(user.toLowerCase(java.util.Locale.ROOT)).orElse(null);
        if (role.equals("owner")) {
            if (account == null) {
                throw InvalidInputException.of("user", "There is no user " + user + ".");
            }
            orgs.addMember(caller.account(), owners, user);
        } else {
            if (account == null || !access.isMember(account, org)) {
                throw new NotFound();
            }
            if (Team.ofMember(org, account).stream().allMatch(Team::isOwners)) {
                throw InvalidInputException.of("role", user + " is in no other team: add them to one first.");
            }
            try {
                orgs.removeMember(caller.account(), owners, account.username());
            } catch (InvalidInputException e) {
                throw OrgTeams.renamed(e, "username", "role");
            }
        }
        // The role just set (the owners team read above holds its members as they were).
        return OrgJson.OrgMember.of(account, role.equals("owner"), String.join(", ", Team.ofMember(org, account).stream()
                .map(t -> t.name).toList()));
    }

    /** Takes the user out of every team of the organization; the last owner stays (400). */
    @DELETE
    @Path("members/{user}")
    public Response remove(@PathParam("user") String user) {
        Caller caller = callers.signedIn();
        Organization org = organization();
        owner(caller, org);
        Account account = Account.findByUsername(user.toLowerCase(java.util.Locale.ROOT)).orElse(null);
        if (account == null || !access.isMember(account, org)) {
            throw new NotFound();
        }
        orgs.removeFromOrganization(caller.account(), org, account.username());
        return Response.noContent().build();
    }

    /** Hoist has no invitations (members are added to a team directly): an owner sees none. */
    @GET
    @Path("invites")
    public Map<String, List<Object>> invites() {
        Caller caller = callers.signedIn();
        owner(caller, organization());
        return Map.of("data", List.of());
    }

    private void owner(Caller caller, Organization org) {
        if (!access.canManage(caller, org)) {
            throw new Forbidden();
        }
    }

    private Organization organization() {
        return Organization.findByName(name).orElseThrow(NotFound::new);
    }

    /** For {@link Invitations}: what to say instead of sending an invitation. */
    static ApiException noInvitations() {
        return new ApiException(501, "Hoist has no invitations yet: an owner adds a user to a team directly"
                + " (POST /v2/orgs/{org}/groups/{team}/members/ with {\"member\": \"<username>\"}).");
    }
}
