package dev.hoist.audit.pages;

import dev.hoist.audit.AuditFilter;
import dev.hoist.audit.AuditLog;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /settings/security-log}: each user reads their own account's security events (sign-ins, tokens, password, email). */
@Path("/settings/security-log")
public class AccountAudit {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(AuditView audit);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditPages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page) {
        Account me = currentUser.require();
        AuditView audit = pages.view("/settings/security-log", scope(me), new AuditFilter("", action, "", from, to), page, false);
        return Response.status(AuditPages.status(audit)).entity(Templates.page(audit)).build();
    }

    @GET
    @Path("export")
    public Response export(@QueryParam("format") String format, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Account me = currentUser.require();
        return pages.export(scope(me), new AuditFilter("", action, "", from, to), format, me.username());
    }

    private static AuditLog.Scope scope(Account me) {
        return AuditLog.Scope.account(me.username(), me.createdAt);
    }
}
