package dev.hoist.audit.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.audit.AuditEntry;
import dev.hoist.audit.AuditFilter;
import dev.hoist.audit.AuditFormats;
import dev.hoist.audit.AuditLog;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.platform.Listing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** What the three audit pages (an organization's, an account's, the site's) share: filtering, paging, exporting. */
@ApplicationScoped
public class AuditPages {

    @Inject
    AuditLog log;

    @Inject
    ObjectMapper json;

    /** The page's view; filters that could never match come back with their messages and no entries. */
    public AuditView view(String base, AuditLog.Scope scope, AuditFilter filter, String page, boolean repositoryFilter) {
        try {
            Listing<AuditEntry> entries = log.page(scope, filter, Listing.pageNumber(page));
            return new AuditView(base, filter, entries, new FieldErrors(), repositoryFilter);
        } catch (InvalidInputException e) {
            return new AuditView(base, filter, null, e.errors(), repositoryFilter);
        }
    }

    /** 400 when the filters were refused, as a form that failed validation. */
    public static int status(AuditView view) {
        return view.entries() == null ? 400 : 200;
    }

    /**
     * A download of the matching entries as CSV or JSON Lines, streamed as the log is read (no
     * limit, nothing held whole); 400 for another format or refused filters, told before the first byte.
     */
    public Response export(AuditLog.Scope scope, AuditFilter filter, String format, String name) {
        if (!"csv".equals(format) && !"jsonl".equals(format)) {
            return plain(400, "Choose format=csv or format=jsonl.");
        }
        try {
            filter.checked();
        } catch (InvalidInputException e) {
            return plain(400, String.join("\n", e.errors().all().values()));
        }
        boolean csv = format.equals("csv");
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (csv) {
                writer.write(AuditFormats.csvHeader());
            }
            log.export(scope, filter, entry -> {
                try {
                    writer.write(csv ? AuditFormats.csvRow(entry) : AuditFormats.jsonLine(entry, json) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        String file = "audit-" + name + "-" + LocalDate.now(ZoneOffset.UTC) + "." + format;
        return Response.ok(body)
                .type(csv ? "text/csv; charset=UTF-8" : "application/x-ndjson; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type("text/plain; charset=UTF-8").entity(message + "\n").build();
    }
}
