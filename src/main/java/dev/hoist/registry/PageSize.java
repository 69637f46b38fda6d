package dev.hoist.registry;

import java.util.regex.Pattern;

/**
 * The {@code n} of the tag list and the catalog: a count from 0 up, answered with at most
 * {@code max} entries whatever is asked (the spec lets a registry return fewer, with a Link to
 * the rest), so one request never reads a whole table.
 */
public final class PageSize {

    private static final Pattern COUNT = Pattern.compile("\\d{1,10}");

    private PageSize() {
    }

    /** @param n the query parameter as sent; absent or empty means {@code byDefault} */
    public static int of(String n, int byDefault, int max) {
        if (n == null || n.isEmpty()) {
            return byDefault;
        }
        long asked = COUNT.matcher(n).matches() ? Long.parseLong(n) : -1;
        if (asked < 0 || asked > Integer.MAX_VALUE) {
            throw new RegistryException(ErrorCode.PAGINATION_NUMBER_INVALID,
                    "n must be a whole number from 0 to " + Integer.MAX_VALUE + ", not " + RegistryText.shown(n));
        }
        return (int) Math.min(asked, max);
    }
}
