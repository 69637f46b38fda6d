package dev.hoist.account.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.api.ApiCallers;
import dev.hoist.model.Account;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** {@code GET /v2/user/}: who the token belongs to, in Docker Hub's fields (hub-tool reads them). */
@Path("/v2/user")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentUserApi {

    /** Docker Hub's user; {@code id} is a string there, and clients decode it as one. */
    public record User(String id, String username, @JsonProperty("full_name") String fullName, String location,
            String company, @JsonProperty("gravatar_email") String gravatarEmail,
            @JsonProperty("gravatar_url") String gravatarUrl, @JsonProperty("is_staff") boolean isStaff,
            @JsonProperty("is_admin") boolean isAdmin, @JsonProperty("profile_url") String profileUrl,
            @JsonProperty("date_joined") Instant dateJoined, String type) {

        static User of(Account account) {
            return new User(String.valueOf(account.id), account.username(), "", "", "", "", "", false, false,
                    "/u/" + account.username(), account.createdAt, "User");
        }
    }

    @Inject
    ApiCallers callers;

    @GET
    public User me() {
        return User.of(callers.account());
    }
}
