package dev.hoist.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What someone asked for: words, filters, order and page, cleaned up once so that every caller
 * (the page, the suggestions, the Docker API) searches the same way.
 *
 * @param text what was typed, trimmed and at most {@link #MAX_LENGTH} characters
 * @param namespace one organization or user to search in, or empty
 * @param page 1-based
 */
public record SearchQuery(String text, boolean official, boolean verified, String namespace, Sort sort, int page,
        int pageSize) {

    public static final int MAX_LENGTH = 100;
    public static final int PAGE_SIZE = 25;

    public SearchQuery {
        text = clean(text);
        namespace = clean(namespace).toLowerCase(Locale.ROOT);
        sort = sort == null ? Sort.BEST : sort;
        page = Math.max(1, page);
        pageSize = Math.max(1, Math.min(100, pageSize));
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, false, false, "", Sort.BEST, 1, PAGE_SIZE);
    }

    /** Lowercase, as repository and namespace names are: what names are compared with. */
    public String term() {
        return text.toLowerCase(Locale.ROOT);
    }

    public boolean hasText() {
        return !text.isEmpty();
    }

    public boolean hasFilters() {
        return official || verified || !namespace.isEmpty();
    }

    /** Nothing asked at all: the page explains how to search instead of listing everything. */
    public boolean isBlank() {
        return !hasText() && !hasFilters();
    }

    public SearchQuery withText(String other) {
        return new SearchQuery(other, official, verified, namespace, sort, page, pageSize);
    }

    public SearchQuery atPage(int other) {
        return new SearchQuery(text, official, verified, namespace, sort, other, pageSize);
    }

    public SearchQuery withoutFilters() {
        return new SearchQuery(text, false, false, "", sort, 1, pageSize);
    }

    /** The address of this search at {@code other}, keeping every filter. */
    public String link(int other) {
        StringBuilder url = new StringBuilder("/search?q=").append(encode(text));
        if (official) {
            url.append("&official=true");
        }
        if (verified) {
            url.append("&verified=true");
        }
        if (!namespace.isEmpty()) {
            url.append("&namespace=").append(encode(namespace));
        }
        if (sort != Sort.BEST) {
            url.append("&sort=").append(sort.param());
        }
        if (other > 1) {
            url.append("&page=").append(other);
        }
        return url.toString();
    }

    private static String clean(String value) {
        String trimmed = value == null ? "" : value.strip().replaceAll("\\s+", " ");
        return trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A page number from the address; anything odd is the first page rather than an error. */
    public static int pageNumber(String value) {
        try {
            return Math.max(1, Math.min(10_000, Integer.parseInt(value.trim())));
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
