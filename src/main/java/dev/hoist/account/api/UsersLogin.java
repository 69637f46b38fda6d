package dev.hoist.account.api;

import dev.hoist.access.Caller;
import dev.hoist.api.ApiBody;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiException;
import dev.hoist.auth.ApiTokens;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v2/users/login}: Docker Hub's sign-in for its API, as hub-tool and the Terraform
 * provider send it: {@code {"username", "password"}} with a password or a personal access token,
 * answered with {@code {"token"}} (and {@code refresh_token} when asked). Every attempt counts
 * toward the same limits as the sign-in page and {@code /token} ({@code auth/Credentials}).
 * A refresh token alone ({@code {"refresh_token"}}) buys a new token.
 */
@Path("/v2/users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersLogin {

    /** Far above any username or e-mail address, and any token; a longer one is no credential. */
    static final int MAX_FIELD = 4096;

    @Inject
    ApiCallers callers;

    @Inject
    ApiTokens tokens;

    @POST
    @Path("login")
    public Map<String, Object> login(String raw, @QueryParam("refresh_token") String refresh) {
        ApiBody body = ApiBody.parse(raw);
        Caller caller;
        if (!body.has("username") && !body.has("password") && body.has("refresh_token")) {
            String presented = body.required("refresh_token", MAX_FIELD);
            body.check();
            caller = tokens.verifyRefresh(presented)
                    .orElseThrow(() -> ApiException.unauthorized("The refresh token is invalid or expired."));
        } else {
            String username = body.required("username", MAX_FIELD);
            String password = body.required("password", MAX_FIELD);
            body.check();
            caller = callers.signIn(username, password);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", tokens.issue(caller));
        if ("true".equalsIgnoreCase(refresh)) {
            answer.put("refresh_token", tokens.issueRefresh(caller));
        }
        return answer;
    }

    /** Hoist has no second factor yet: a 2FA login is never asked for, so this one is refused honestly. */
    @POST
    @Path("2fa-login")
    public Map<String, Object> twoFactor() {
        throw ApiException.badRequest("Two-factor authentication is not enabled on this server; use /v2/users/login.");
    }

}
