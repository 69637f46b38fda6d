package dev.hoist.platform;

import java.util.List;

/**
 * One page of a longer list: the items shown and where they sit in the whole. Lists that can grow
 * without bound are read a page at a time, so a page costs the same for ten rows or a million.
 */
public record Listing<T>(List<T> items, int page, int pageSize, long total) {

    /** Pages beyond this are refused as the last one: deep offsets cost the database a scan. */
    public static final int MAX_PAGE = 1000;

    /** Reads the rows of one page: {@code offset} and {@code limit} as SQL takes them. */
    public interface Rows<T> {
        List<T> read(int offset, int limit);
    }

    /**
     * Page {@code page} of a list of {@code total} items, reading its rows only when the page holds
     * any; a page past the end is the last one, so a stale link still shows something.
     */
    public static <T> Listing<T> of(int page, int pageSize, long total, Rows<T> rows) {
        Listing<T> empty = new Listing<>(List.of(), page, pageSize, total);
        empty = new Listing<>(List.of(), Math.min(page, empty.pages()), pageSize, total);
        return total == 0 ? empty : empty.with(rows.read(empty.offset(), pageSize));
    }

    /** The page number asked for in a query parameter: anything that is not 1 … MAX_PAGE means 1. */
    public static int pageNumber(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 4 || !raw.chars().allMatch(Character::isDigit)) {
            return 1;
        }
        int page = Integer.parseInt(raw);
        return page < 1 || page > MAX_PAGE ? 1 : page;
    }

    public int offset() {
        return (page - 1) * pageSize;
    }

    public int pages() {
        return (int) Math.max(1, Math.min(MAX_PAGE, (total + pageSize - 1) / pageSize));
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public <U> Listing<U> with(List<U> others) {
        return new Listing<>(others, page, pageSize, total);
    }
}
