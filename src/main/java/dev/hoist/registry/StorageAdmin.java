package dev.hoist.registry;

import dev.hoist.HoistConfig;
import dev.hoist.access.Access;
import dev.hoist.web.CurrentUser;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** {@code /admin/storage}: site administrators run the blob garbage collector now rather than at its next turn. */
@Path("/admin/storage")
@Produces(MediaType.TEXT_HTML)
public class StorageAdmin {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance page(HoistConfig.Gc gc);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    HoistConfig config;

    @Inject
    GarbageCollector collector;

    @GET
    public TemplateInstance page() {
        requireSiteAdmin();
        return Templates.page(config.gc());
    }

    @POST
    @Path("collect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response collect() {
        requireSiteAdmin();
        GarbageCollector.Freed freed = collector.collect();
        return Redirects.to("/admin/storage", String.format(Locale.ROOT,
                "Freed %d unused blobs (%s) and dropped %d unused blob references.",
                freed.blobs(), megabytes(freed.bytes()), freed.references()));
    }

    /** Anyone else, signed in or not, finds no such page. */
    private void requireSiteAdmin() {
        if (!access.isSiteAdmin(currentUser.account().orElse(null))) {
            throw new NotFoundException();
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
