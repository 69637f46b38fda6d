package dev.hoist.search.pages;

import dev.hoist.auth.CurrentUser;
import dev.hoist.search.SearchService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /search/suggest?q=}: names for the header's search box as someone types (hoist.js). */
@Path("/search/suggest")
public class Suggestions {

    /** One suggestion: the name to search for and the page to open. */
    public record Suggestion(String name, String path, String description) {
    }

    @Inject
    SearchService search;

    @Inject
    CurrentUser currentUser;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response suggest(@QueryParam("q") String text) {
        List<Suggestion> found = search.suggest(currentUser.account().orElse(null), text).stream()
                .map(h -> new Suggestion(h.fullName(), h.path(), h.shortDescription()))
                .toList();
        // Private names may be among them: never let a shared cache keep them.
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setPrivate(true);
        return Response.ok(found).cacheControl(noStore).build();
    }
}
