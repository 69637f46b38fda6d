package dev.hoist.repo.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.access.Access;
import dev.hoist.access.Caller;
import dev.hoist.api.ApiCallers;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Repo;
import dev.hoist.repo.RepoService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST/DELETE /v2/repositories/{ns}/{name}/stars/}: Hoist's own path for starring (Docker
 * Hub's web site stars through a private call). Both are idempotent and answer the repository's
 * count and whether the caller now stars it; a repository the caller may not read is not found.
 */
@Path("/v2/repositories/{namespace}/{name}/stars")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryStars {

    public record Starred(@JsonProperty("star_count") int starCount, @JsonProperty("has_starred") boolean hasStarred) {
    }

    @Inject
    ApiCallers callers;

    @Inject
    Access access;

    @Inject
    RepoService repos;

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @POST
    public Starred star() {
        return set(true);
    }

    @DELETE
    public Starred unstar() {
        return set(false);
    }

    private Starred set(boolean starred) {
        Caller caller = callers.signedIn();
        Repo repo = access.require(caller, namespace, name, AccessMode.READ);
        return new Starred(repos.star(caller.account(), repo, starred).starCount, starred);
    }
}
