package dev.hoist.account.api;

import dev.hoist.api.ApiBody;
import dev.hoist.auth.ApiTokens;
import dev.hoist.api.ApiCallers;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code POST /v2/auth/token}: Docker Hub's newer exchange of an identifier (the username) and a
 * secret (a personal access token or password) for {@code {"access_token"}}, checked and limited
 * exactly as {@code /v2/users/login}.
 */
@Path("/v2/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthToken {

    @Inject
    ApiCallers callers;

    @Inject
    ApiTokens tokens;

    @POST
    @Path("token")
    public Map<String, Object> token(String raw) {
        ApiBody body = ApiBody.parse(raw);
        String identifier = body.required("identifier", UsersLogin.MAX_FIELD);
        String secret = body.required("secret", UsersLogin.MAX_FIELD);
        body.check();
        return Map.of("access_token", tokens.issue(callers.signIn(identifier, secret)));
    }
}
