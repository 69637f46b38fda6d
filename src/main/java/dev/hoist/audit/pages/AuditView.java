package dev.hoist.audit.pages;

import dev.hoist.audit.AuditEntry;
import dev.hoist.audit.AuditFilter;
import dev.hoist.model.FieldErrors;
import dev.hoist.platform.Listing;

/**
 * What an audit page shows: its address ({@code base}, for the filter form, paging and exports),
 * the filters as typed, the entries of one page (null when the filters were refused) and any
 * messages for the filter fields.
 */
public record AuditView(String base, AuditFilter filter, Listing<AuditEntry> entries, FieldErrors errors,
        boolean showRepositoryFilter) {

    /** The address of page {@code page} with the same filters. */
    public String pageLink(int page) {
        String query = filter.query();
        return base + "?" + (query.isEmpty() ? "" : query + "&") + "page=" + page;
    }

    /** The address of the export in {@code format} (csv or jsonl) with the same filters. */
    public String exportLink(String format) {
        String query = filter.query();
        return base + "/export?format=" + format + (query.isEmpty() ? "" : "&" + query);
    }
}
