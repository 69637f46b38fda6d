package dev.hoist.api;

import dev.hoist.platform.Listing;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a list as Docker Hub's API gives it: {@code count}, {@code next} and {@code previous}
 * (full addresses, or null) and {@code results}. Paging is by {@code page} and {@code page_size}.
 */
public record ApiPage<T>(long count, String next, String previous, List<T> results) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100;

    /** {@code page_size}: 1 to 100; absent or unreadable is the default, more is 100. */
    public static int size(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 6 || !raw.chars().allMatch(Character::isDigit)) {
            return DEFAULT_SIZE;
        }
        int size = Integer.parseInt(raw);
        return size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
    }

    /** {@code page}: from 1; anything else is 404, as Docker Hub answers it. */
    public static int number(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        if (raw.length() > 4 || !raw.chars().allMatch(Character::isDigit) || Integer.parseInt(raw) < 1
                || Integer.parseInt(raw) > Listing.MAX_PAGE) {
            throw invalidPage();
        }
        return Integer.parseInt(raw);
    }

    /**
     * The page {@code asked} of {@code listing} (which shows its last page for a page past the end:
     * here that is 404, so a client counting pages stops).
     */
    public static <T, U> ApiPage<U> of(Listing<T> listing, int asked, UriInfo uri, Function<T, U> shown) {
        if (listing.page() != asked) {
            throw invalidPage();
        }
        String next = listing.hasNext() ? link(uri, asked + 1, listing.pageSize()) : null;
        String previous = listing.hasPrevious() ? link(uri, asked - 1, listing.pageSize()) : null;
        return new ApiPage<>(listing.total(), next, previous, listing.items().stream().map(shown).toList());
    }

    private static String link(UriInfo uri, int page, int size) {
        return uri.getRequestUriBuilder().replaceQueryParam("page", page).replaceQueryParam("page_size", size).build()
                .toString();
    }

    private static ApiException invalidPage() {
        return new ApiException(404, "Invalid page.");
    }
}
