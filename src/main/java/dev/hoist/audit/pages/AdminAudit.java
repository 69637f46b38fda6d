package dev.hoist.audit.pages;

import dev.hoist.access.Access;
import dev.hoist.audit.AuditFilter;
import dev.hoist.audit.AuditLog;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.NotFound;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /admin/audit}: site administrators read the whole log; to anyone else the page does not exist. */
@Path("/admin/audit")
public class AdminAudit {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(AuditView audit);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    AuditPages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("repository") String repository, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page) {
        requireSiteAdmin();
        AuditView audit = pages.view("/admin/audit", AuditLog.Scope.everything(),
                new AuditFilter(actor, action, repository, from, to), page, true);
        return Response.status(AuditPages.status(audit)).entity(Templates.page(audit)).build();
    }

    @GET
    @Path("export")
    public Response export(@QueryParam("format") String format, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("repository") String repository, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        requireSiteAdmin();
        return pages.export(AuditLog.Scope.everything(), new AuditFilter(actor, action, repository, from, to), format, "all");
    }

    private void requireSiteAdmin() {
        if (!access.isSiteAdmin(currentUser.account().orElse(null))) {
            throw new NotFound();
        }
    }
}
