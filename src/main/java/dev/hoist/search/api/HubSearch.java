package dev.hoist.search.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.api.ApiCallers;
import dev.hoist.api.ApiPage;
import dev.hoist.search.Results;
import dev.hoist.search.SearchQuery;
import dev.hoist.search.SearchService;
import dev.hoist.search.Sort;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code GET /v2/search/repositories/?query=&page=&page_size=}: Docker Hub's search in its result
 * fields, over the same search as the portal's (private results only for who may read them).
 */
@Path("/v2/search/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class HubSearch {

    public record Result(@JsonProperty("repo_name") String repoName, @JsonProperty("short_description") String shortDescription,
            @JsonProperty("star_count") int starCount, @JsonProperty("pull_count") long pullCount,
            @JsonProperty("repo_owner") String repoOwner, @JsonProperty("is_automated") boolean isAutomated,
            @JsonProperty("is_official") boolean isOfficial) {
    }

    @Inject
    SearchService search;

    @Inject
    ApiCallers callers;

    @GET
    public ApiPage<Result> search(@QueryParam("query") String text, @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize, UriInfo uri) {
        int asked = ApiPage.number(page);
        SearchQuery query = new SearchQuery(text, false, false, "", Sort.BEST, asked, ApiPage.size(pageSize));
        // Docker Hub answers an empty query with nothing rather than with everything.
        Results results = query.hasText() ? search.search(callers.caller().account(), query) : Results.none(query);
        List<Result> found = results.hits().stream().map(h -> new Result(h.dockerName(), h.shortDescription(), h.starCount(),
                h.pullCount(), "", false, h.isOfficial())).toList();
        String next = results.hasNext() ? link(uri, asked + 1, query.pageSize()) : null;
        String previous = asked > 1 ? link(uri, asked - 1, query.pageSize()) : null;
        return new ApiPage<>(results.total(), next, previous, found);
    }

    private static String link(UriInfo uri, int page, int size) {
        return uri.getRequestUriBuilder().replaceQueryParam("page", page).replaceQueryParam("page_size", size).build().toString();
    }
}
