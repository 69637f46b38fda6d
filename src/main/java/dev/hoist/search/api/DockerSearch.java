package dev.hoist.search.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.auth.ApiCaller;
import dev.hoist.model.Account;
import dev.hoist.search.Results;
import dev.hoist.search.SearchQuery;
import dev.hoist.search.SearchService;
import dev.hoist.search.Sort;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code GET /v1/search?q=&n=&page=}: Docker Hub's search API, which {@code docker search} and
 * {@code podman search host/term} call. Private results need credentials in the Authorization
 * header (see {@link ApiCaller}); refusals are written by the registry's error mapper.
 */
@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class DockerSearch {

    public record Page(@JsonProperty("num_results") long numResults, @JsonProperty("num_pages") int numPages, int page,
            @JsonProperty("page_size") int pageSize, String query, List<Result> results) {
    }

    /** One repository; official images are named without "library/", as Docker Hub names them. */
    public record Result(String name, String description, @JsonProperty("star_count") int starCount,
            @JsonProperty("is_official") boolean isOfficial, @JsonProperty("is_automated") boolean isAutomated) {
    }

    @Inject
    SearchService search;

    @Inject
    ApiCaller callers;

    @GET
    public Page search(@QueryParam("q") String text, @QueryParam("n") String n, @QueryParam("page") String page,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, HttpServerRequest http, @Context UriInfo uri) {
        Account who = callers.from(authorization, http.remoteAddress().hostAddress(), uri).orElse(null);
        int size = n == null ? SearchQuery.PAGE_SIZE : SearchQuery.pageNumber(n);
        SearchQuery query = new SearchQuery(text, false, false, "", Sort.BEST, SearchQuery.pageNumber(page == null ? "1" : page),
                size);
        // Docker Hub answers an empty query with nothing rather than with everything.
        Results results = query.hasText() ? search.search(who, query) : Results.none(query);
        List<Result> found = results.hits().stream()
                .map(h -> new Result(h.dockerName(), h.shortDescription(), h.starCount(), h.isOfficial(), false))
                .toList();
        return new Page(results.total(), results.pages(), query.page(), query.pageSize(), query.text(), found);
    }
}
