package dev.hoist.org.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.access.Caller;
import dev.hoist.api.ApiBody;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiPage;
import dev.hoist.model.Account;
import dev.hoist.model.Forbidden;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.OrganizationToken;
import dev.hoist.org.OrgTokenRules;
import dev.hoist.org.OrgTokenService;
import dev.hoist.platform.Listing;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /v2/orgs/{org}/access-tokens[/{id}]}: the organization's access tokens, as the Terraform
 * provider's {@code docker_org_access_token} manages them. Owners only, signed in as themselves
 * (a password or one of their own tokens' API sign-ins is not enough if it came from a token):
 * no token, personal or organizational, makes, widens or revives tokens.
 */
@Path("/v2/orgs/{org}/access-tokens")
@Produces(MediaType.APPLICATION_JSON)
public class OrgAccessTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApiCallers callers;

    @Inject
    OrgTokenService tokens;

    @PathParam("org")
    String orgName;

    /** {@code {label, description, resources, expires_at}}: 201 with the secret, shown this once. */
    @POST
    public Response create(String raw) {
        Account owner = owner();
        Organization org = organization();
        tokens.requireOwner(owner, org);
        ApiBody body = ApiBody.parse(raw);
        String label = body.required("label", 100);
        String description = body.text("description", 255, false).orElse("");
        Instant expires = body.text("expires_at", 64, false).filter(t -> !t.isEmpty()).map(t -> body.time("expires_at", t))
                .orElse(null);
        List<OrgTokenRules.Input> resources = resources(raw, body).orElse(null);
        if (resources == null) {
            body.error("resources", "This field is required.");
        }
        body.check();
        OrgTokenService.Created created = tokens.create(owner, org, label, description, resources, expires);
        return Response.status(201).entity(OrgTokenJson.of(created.token(), created.secret())).build();
    }

    @GET
    public ApiPage<OrgTokenJson> list(@QueryParam("page") String page, @QueryParam("page_size") String size, UriInfo uri) {
        List<OrganizationToken> all = tokens.list(owner(), organization());
        int asked = ApiPage.number(page);
        Listing<OrganizationToken> listing = Listing.of(asked, ApiPage.size(size), all.size(),
                (offset, limit) -> all.subList(offset, Math.min(all.size(), offset + limit)));
        return ApiPage.of(listing, asked, uri, t -> OrgTokenJson.of(t, null));
    }

    @GET
    @Path("{id}")
    public OrgTokenJson get(@PathParam("id") String id) {
        Account owner = owner();
        Organization org = organization();
        tokens.requireOwner(owner, org);
        return OrgTokenJson.of(tokens.get(owner, org, ApiBody.uuid(id)), null);
    }

    /** {@code {label, description, resources, is_active}}: any may be left out. */
    @PATCH
    @Path("{id}")
    public OrgTokenJson update(@PathParam("id") String id, String raw) {
        Account owner = owner();
        Organization org = organization();
        tokens.requireOwner(owner, org);
        UUID uuid = ApiBody.uuid(id);
        ApiBody body = ApiBody.parse(raw);
        Optional<String> label = body.text("label", 100, false);
        Optional<String> description = body.text("description", 255, false);
        Optional<Boolean> active = body.bool("is_active");
        List<OrgTokenRules.Input> resources = resources(raw, body).orElse(null);
        if (body.has("expires_at")) {
            body.error("expires_at", "The expiry of a token cannot change; make a new token.");
        }
        body.check();
        OrgTokenService.Changes changes = new OrgTokenService.Changes(label.orElse(null), description.orElse(null),
                resources, active.orElse(null));
        return tokens.update(owner, org, uuid, changes).map(t -> OrgTokenJson.of(t, null)).orElseThrow(NotFound::new);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Account owner = owner();
        Organization org = organization();
        tokens.requireOwner(owner, org);
        if (!tokens.revoke(owner, org, ApiBody.uuid(id))) {
            throw new NotFound();
        }
        return Response.noContent().build();
    }

    /** A person signed in with their password (or the API token that bought): tokens never manage tokens. */
    private Account owner() {
        Caller caller = callers.signedIn();
        if (caller.tokenId() != null) {
            throw new Forbidden();
        }
        return caller.account();
    }

    private Organization organization() {
        return Organization.findByName(orgName).orElseThrow(NotFound::new);
    }

    /** {@code resources: [{type, path, scopes}]}, or empty when the body has none. */
    private static Optional<List<OrgTokenRules.Input>> resources(String raw, ApiBody body) {
        if (!body.has("resources")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw).get("resources");
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // ApiBody.parse refused it already
        }
        List<OrgTokenRules.Input> inputs = new ArrayList<>();
        if (node == null || !node.isArray() || node.size() > 50) {
            body.error("resources", "Must be a list of at most 50 resources.");
            return Optional.empty();
        }
        for (JsonNode item : node) {
            JsonNode scopes = item.get("scopes");
            if (!item.isObject() || !text(item.get("type")) || !text(item.get("path")) || scopes == null
                    || !scopes.isArray() || scopes.size() > 3) {
                body.error("resources", "Each resource is {type, path, scopes}: two strings and a list of at most 3.");
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (JsonNode scope : scopes) {
                if (!text(scope)) {
                    body.error("resources", "Scopes are strings.");
                    return Optional.empty();
                }
                values.add(scope.asText());
            }
            inputs.add(new OrgTokenRules.Input(item.get("type").asText(), item.get("path").asText(), values));
        }
        return Optional.of(inputs);
    }

    private static boolean text(JsonNode node) {
        return node != null && node.isTextual() && node.asText().length() <= 300;
    }

}
