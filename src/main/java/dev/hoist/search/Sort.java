package dev.hoist.search;

/** The orders a search can be shown in; each candidate list is walked in this order (see SearchSql). */
public enum Sort {
    BEST("best", "Best match", "r.popularity DESC, r.id"),
    STARS("stars", "Most stars", "r.star_count DESC, r.pull_count DESC, r.id"),
    PULLS("pulls", "Most pulls", "r.pull_count DESC, r.id"),
    UPDATED("updated", "Recently updated", "coalesce(r.last_pushed_at, r.updated_at) DESC, r.id");

    private final String param;
    private final String label;
    /** Matches one of the indexes of V4__search.sql exactly, so the database can stop early. */
    final String sql;

    Sort(String param, String label, String sql) {
        this.param = param;
        this.label = label;
        this.sql = sql;
    }

    public String param() {
        return param;
    }

    public String label() {
        return label;
    }

    /** The sort named in a request; anything unknown is the best match. */
    public static Sort of(String param) {
        for (Sort sort : values()) {
            if (sort.param.equals(param)) {
                return sort;
            }
        }
        return BEST;
    }
}
