package dev.hoist.account.api;

import dev.hoist.access.Caller;
import dev.hoist.account.AccessTokenService;
import dev.hoist.api.ApiBody;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiPage;
import dev.hoist.model.AccessToken;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Forbidden;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.platform.Listing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Personal access tokens through the API, at both of Docker Hub's paths ({@code /v2/api_tokens}
 * for hub-tool, {@code /v2/access-tokens} for the Terraform provider). Only a caller who signed in
 * with their password manages tokens: a token never makes, widens or revives tokens.
 */
@ApplicationScoped
public class PersonalTokens {

    @Inject
    ApiCallers callers;

    @Inject
    AccessTokenService tokens;

    private Caller owner() {
        Caller caller = callers.signedIn();
        if (caller.tokenId() != null) {
            throw new Forbidden();
        }
        return caller;
    }

    /** {@code {token_label, scopes, expires_at}}: 201 with the secret, shown this once. */
    public Response create(String raw) {
        Caller caller = owner();
        ApiBody body = ApiBody.parse(raw);
        String label = body.required("token_label", 100);
        Instant expires = body.text("expires_at", 64, false).map(text -> body.time("expires_at", text)).orElse(null);
        // No scopes: full access, as Docker Hub's tokens without scopes have.
        String scope = "ADMIN";
        List<String> scopes = body.texts("scopes", 4, 50).orElse(null);
        if (scopes != null) {
            scope = scopes.size() == 1 ? TokenJson.scope(scopes.get(0)) : null;
            if (scope == null) {
                body.error("scopes", "Give one of repo:read, repo:write or repo:admin.");
            }
        }
        body.check();
        try {
            AccessTokenService.Created created = tokens.createExpiring(caller.account(), label, scope, expires);
            return Response.status(201).entity(TokenJson.of(created.token(), created.secret())).build();
        } catch (InvalidInputException e) {
            throw renamed(e);
        }
    }

    public ApiPage<TokenJson> list(String page, String pageSize, UriInfo uri) {
        Caller caller = owner();
        List<AccessToken> all = AccessToken.of(caller.account());
        int asked = ApiPage.number(page);
        int size = ApiPage.size(pageSize);
        Listing<AccessToken> listing = Listing.of(asked, size, all.size(),
                (offset, limit) -> all.subList(offset, Math.min(all.size(), offset + limit)));
        return ApiPage.of(listing, asked, uri, t -> TokenJson.of(t, null));
    }

    public TokenJson get(String uuid) {
        Caller caller = owner();
        return AccessToken.findByUuid(caller.account(), ApiBody.uuid(uuid)).map(t -> TokenJson.of(t, null))
                .orElseThrow(NotFound::new);
    }

    /** {@code {token_label, is_active}}: either may be left out. */
    public TokenJson update(String uuid, String raw) {
        Caller caller = owner();
        UUID id = ApiBody.uuid(uuid);
        ApiBody body = ApiBody.parse(raw);
        Optional<String> label = body.text("token_label", 100, false);
        Optional<Boolean> active = body.bool("is_active");
        body.check();
        try {
            return tokens.update(caller.account(), id, label.orElse(null), active.orElse(null))
                    .map(t -> TokenJson.of(t, null)).orElseThrow(NotFound::new);
        } catch (InvalidInputException e) {
            throw renamed(e);
        }
    }

    public Response delete(String uuid) {
        Caller caller = owner();
        if (!tokens.revoke(caller.account(), ApiBody.uuid(uuid))) {
            throw new NotFound();
        }
        return Response.noContent().build();
    }

    /** The service's field names, as the API names them. */
    private static InvalidInputException renamed(InvalidInputException e) {
        Map<String, String> names = Map.of("description", "token_label", "expires", "expires_at", "scope", "scopes");
        FieldErrors renamed = new FieldErrors();
        e.errors().all().forEach((field, message) -> renamed.add(names.getOrDefault(field, field), message));
        return new InvalidInputException(renamed);
    }
}
