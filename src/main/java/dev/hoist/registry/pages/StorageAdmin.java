package dev.hoist.registry.pages;

import dev.hoist.access.Access;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.NamespaceContents;
import dev.hoist.platform.HoistConfig;
import dev.hoist.registry.GarbageCollector;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/** {@code /admin/storage}: site administrators run the blob garbage collector now rather than at its next turn. */
@Path("/admin/storage")
@Produces(MediaType.TEXT_HTML)
public class StorageAdmin {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(HoistConfig.Gc gc, List<NamespaceContents.Leftover> leftovers);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    HoistConfig config;

    @Inject
    GarbageCollector collector;

    @Inject
    NamespaceContents contents;

    @GET
    public TemplateInstance page() {
        requireSiteAdmin();
        return Templates.page(config.gc(), contents.leftovers());
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

    /**
     * Deletes the repositories a deleted account left (accounts deleted before deletion took them
     * along): nobody can reach them, and their blobs are freed by the next collection.
     */
    @POST
    @Path("leftovers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response purgeLeftovers(@FormParam("namespace") String namespace) {
        requireSiteAdmin();
        int deleted = contents.purgeDeleted(namespace);
        return Redirects.to("/admin/storage", deleted == 0 ? "The deleted namespace " + namespace + " holds no repositories."
                : "Deleted the " + deleted + (deleted == 1 ? " repository" : " repositories") + " left by the deleted namespace "
                        + namespace + ". Collect unused blobs to free their bytes.");
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
