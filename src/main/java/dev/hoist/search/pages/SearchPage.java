package dev.hoist.search.pages;

import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.search.Results;
import dev.hoist.search.SearchCache;
import dev.hoist.search.SearchQuery;
import dev.hoist.search.SearchService;
import dev.hoist.search.Sort;
import dev.hoist.web.ErrorPages;
import dev.hoist.web.Flash;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.persistence.QueryTimeoutException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.IntStream;

/** {@code /search}: results with filters, sorts and pages; with nothing asked, how to search. */
@Path("/search")
@Produces(MediaType.TEXT_HTML)
public class SearchPage {

    /** What the page shows; the links keep every filter. */
    public record View(Results results) {

        public SearchQuery query() {
            return results.query();
        }

        public List<Sort> sorts() {
            return List.of(Sort.values());
        }

        /** Page numbers around the current one, so that a long list stays a short row of links. */
        public List<Integer> pageNumbers() {
            int current = results.query().page();
            int last = results.pages();
            int from = Math.max(1, Math.min(current - 2, last - 4));
            return IntStream.rangeClosed(from, Math.min(last, from + 4)).boxed().toList();
        }

        public String link(int page) {
            return results.query().link(page);
        }

        public String previousLink() {
            return link(results.query().page() - 1);
        }

        public String nextLink() {
            return link(results.query().page() + 1);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(View view);
    }

    @Inject
    SearchService search;

    @Inject
    CurrentUser currentUser;

    @Inject
    SearchCache cache;

    @GET
    public Object search(@QueryParam("q") String text, @QueryParam("official") String official,
            @QueryParam("verified") String verified, @QueryParam("namespace") String namespace,
            @QueryParam("sort") String sort, @QueryParam("page") @DefaultValue("1") String page,
            @CookieParam(Flash.COOKIE) String flash) {
        SearchQuery query = new SearchQuery(text, flag(official), flag(verified), namespace, Sort.of(sort), SearchQuery.pageNumber(page),
                SearchQuery.PAGE_SIZE);
        Account me = currentUser.account().orElse(null);
        try {
            if (me != null || flash != null) {
                return Templates.search(new View(search.search(me, query)));
            }
            // Every anonymous visitor gets the same page: it is kept rendered, under the same rule as results.
            String html = cache.page(query, () -> Templates.search(new View(search.search(null, query))).render());
            return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        } catch (QueryTimeoutException tooSlow) {
            // The database gives up on a search after a few seconds (an overloaded server, an unlucky plan).
            return ErrorPages.page(503, "Search is busy",
                    "That search took too long. Try again in a moment, or add a word to narrow it.");
        }
    }

    /** A ticked checkbox, or a hand-written {@code official=1}. */
    static boolean flag(String value) {
        return value != null && List.of("true", "on", "1", "yes").contains(value.trim().toLowerCase());
    }

}
