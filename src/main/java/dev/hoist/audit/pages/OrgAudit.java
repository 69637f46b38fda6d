package dev.hoist.audit.pages;

import dev.hoist.access.Access;
import dev.hoist.audit.AuditFilter;
import dev.hoist.audit.AuditLog;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.org.pages.OrgView;
import dev.hoist.org.pages.OrgViews;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /orgs/{org}/audit}: the organization's owners read what was done in it, filter and export
 * it. Anyone else is told there is no such organization, exactly as for one that does not exist.
 */
@Path("/orgs/{org}/audit")
public class OrgAudit {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(OrgView view, AuditView audit);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    Access access;

    @Inject
    AuditPages pages;

    @Inject
    OrgViews views;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("org") String name, @QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("repository") String repository, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page) {
        Organization org = readable(name);
        OrgView view = views.of(name);
        AuditView audit = pages.view(org.path() + "/audit", AuditLog.Scope.organization(org.name()),
                new AuditFilter(actor, action, repository, from, to), page, true);
        return Response.status(AuditPages.status(audit)).entity(Templates.page(view, audit)).build();
    }

    @GET
    @Path("export")
    public Response export(@PathParam("org") String name, @QueryParam("format") String format, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("repository") String repository, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Organization org = readable(name);
        return pages.export(AuditLog.Scope.organization(org.name()), new AuditFilter(actor, action, repository, from, to),
                format, org.name());
    }

    /** Sign-in first (the same for every name), then 404 for a missing organization and for one the caller may not audit alike. */
    private Organization readable(String name) {
        Account me = currentUser.require();
        return Organization.findByName(name).filter(org -> access.canSeeAuditLog(me, org)).orElseThrow(NotFound::new);
    }
}
