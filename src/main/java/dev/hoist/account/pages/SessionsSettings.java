package dev.hoist.account.pages;

import dev.hoist.account.Devices;
import dev.hoist.account.Sessions;
import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.AccountSession;
import dev.hoist.web.Redirects;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * The "Sessions" part of {@code /settings}: the browsers signed in to the account, as
 * {@code inject:accountSessions.all}, and the forms that end one of them or all others.
 */
@Path("/settings/sessions")
@Produces(MediaType.TEXT_HTML)
public class SessionsSettings {

    @Inject
    CurrentUser currentUser;

    @Inject
    Sessions sessions;

    @POST
    @Path("{id}/end")
    public Response end(@PathParam("id") long id) {
        Account account = currentUser.require();
        if (currentUser.session().map(s -> s.id == id).orElse(false)) {
            return Redirects.to("/settings", "This is the session you are using: sign out to end it.");
        }
        return Redirects.to("/settings", sessions.end(account, id) ? "The session is ended." : "That session had already ended.");
    }

    @POST
    @Path("end-others")
    public Response endOthers() {
        Account account = currentUser.require();
        long ended = currentUser.session().map(s -> sessions.endOthers(account, s)).orElse(0L);
        return Redirects.to("/settings", ended == 1 ? "1 other session is signed out." : ended + " other sessions are signed out.");
    }

    /** One line of the list. */
    @TemplateData
    public record Row(long id, String device, String address, Instant lastSeen, boolean current) {
    }

    /** The list, for the settings page. */
    @RequestScoped
    @Named("accountSessions")
    public static class Listing {

        @Inject
        CurrentUser currentUser;

        private List<Row> rows;

        public List<Row> getAll() {
            if (rows == null) {
                long current = currentUser.session().map(s -> s.id).orElse(-1L);
                rows = currentUser.account().map(AccountSession::liveOf).orElse(List.of()).stream()
                        .map(s -> new Row(s.id, Devices.describe(s.userAgent), s.address, s.lastSeenAt, s.id == current))
                        .toList();
            }
            return rows;
        }
    }
}
